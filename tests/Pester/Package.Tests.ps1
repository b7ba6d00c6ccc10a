BeforeAll {
    $script:RepoRoot = (Resolve-Path (Join-Path $PSScriptRoot '../..')).Path
    . (Join-Path $PSScriptRoot 'TestLog.ps1')
    $script:Version = (Import-PowerShellDataFile (Join-Path $RepoRoot 'module/LlamaLog.psd1')).ModuleVersion
}

Describe 'build.ps1 Package' {
    BeforeAll {
        $script:Work = Join-Path ([System.IO.Path]::GetTempPath()) "llamalog-package-$([guid]::NewGuid())"
        # PSResourceGet keeps its settings under XDG_DATA_HOME, and falls back to the current folder when that
        # folder does not exist: it must exist, and the child runs in the work folder.
        New-Item -ItemType Directory -Path "$Work/repo", "$Work/save", "$Work/home/.local/share" | Out-Null
        Push-Location $RepoRoot
        try {
            $script:PackageOutput = & $Pwsh -NoProfile -NonInteractive -File ./build.ps1 Package 2>&1 | Out-String
            $script:PackageExit = $LASTEXITCODE
        }
        finally {
            Pop-Location
        }
        $script:Nupkg = Join-Path $RepoRoot "out/LlamaLog.$Version.nupkg"
    }

    AfterAll {
        Remove-Item $Work -Recurse -Force -ErrorAction SilentlyContinue
    }

    It 'succeeds' {
        $PackageExit | Should -Be 0 -Because $PackageOutput
    }

    It 'writes out/LlamaLog.<version>.nupkg' {
        $Nupkg | Should -Exist
    }

    It 'holds the netstandard2.0 OTLP bridge for Windows PowerShell in Dependencies/netstandard2.0, apart from the net8.0 one' {
        $zip = [System.IO.Compression.ZipFile]::OpenRead($Nupkg)
        try {
            $entries = @($zip.Entries.FullName)
        }
        finally {
            $zip.Dispose()
        }
        $entries | Should -Contain 'Dependencies/netstandard2.0/LlamaLog.Otlp.dll'
        $entries | Should -Contain 'Dependencies/netstandard2.0/System.Diagnostics.DiagnosticSource.dll'
        $entries | Should -Contain 'Dependencies/LlamaLog.Otlp.dll'
        $entries | Should -Not -Contain 'Dependencies/System.Diagnostics.DiagnosticSource.dll'
    }

    It 'can be saved from a local repository and imported from there' {
        Copy-Item $Nupkg "$Work/repo"
        # A private HOME keeps the repository registration out of the user's PSResourceGet settings.
        # A unique name, unregistered at the end, in case the settings store is shared after all.
        $repository = "LlamaLogTest-$([guid]::NewGuid().ToString('N'))"
        $script_ = @"
`$ErrorActionPreference = 'Stop'
Set-Location -LiteralPath '$Work'
Register-PSResourceRepository -Name $repository -Uri '$Work/repo' -Trusted
try { Save-PSResource -Name LlamaLog -Repository $repository -Path '$Work/save' -TrustRepository }
finally { Unregister-PSResourceRepository -Name $repository }
Import-Module '$Work/save/LlamaLog/$Version/LlamaLog.psd1'
(Get-Module LlamaLog).Version.ToString()
(Get-Command -Module LlamaLog).Count
ConvertFrom-LlamaLogConfig -Environment 'core=debug' | ForEach-Object { `$_.Category + '=' + `$_.Value }
"@
        $env:HOME, $oldHome = "$Work/home", $env:HOME
        $oldXdg = $env:XDG_DATA_HOME
        $env:XDG_DATA_HOME = "$Work/home/.local/share"
        try {
            $output = & $Pwsh -NoProfile -NonInteractive -Command $script_ 2>&1
        }
        finally {
            $env:HOME = $oldHome
            $env:XDG_DATA_HOME = $oldXdg
        }
        $LASTEXITCODE | Should -Be 0 -Because ($output | Out-String)
        $output[0] | Should -Be $Version
        [int]$output[1] | Should -Be (Import-PowerShellDataFile (Join-Path $RepoRoot 'module/LlamaLog.psd1')).CmdletsToExport.Count
        $output[2] | Should -Be 'core=10'
    }
}
