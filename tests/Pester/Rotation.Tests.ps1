BeforeAll {
    . (Join-Path $PSScriptRoot 'TestLog.ps1')

    function Read-LogLines {
        # The lines of a log file or a gzip-compressed rotated one.
        param([string] $Path)
        if ($Path.EndsWith('.gz', [StringComparison]::Ordinal)) {
            $stream = [System.IO.Compression.GZipStream]::new([System.IO.File]::OpenRead($Path), [System.IO.Compression.CompressionMode]::Decompress)
            $reader = [System.IO.StreamReader]::new($stream, [System.Text.UTF8Encoding]::new($false))
            try { $text = $reader.ReadToEnd() } finally { $reader.Dispose() }
            $text -split '\r?\n' | Where-Object { $_ -ne '' }
        }
        else {
            [System.IO.File]::ReadAllLines($Path)
        }
    }

    function Get-SizeRotatedFiles {
        # server.log.N ... server.log.1 (.gz or not): the rotated files of a size-only rotation, oldest first.
        param([string] $Path)
        $name = [System.IO.Path]::GetFileName($Path)
        $pattern = '^' + [regex]::Escape($name) + '\.(\d+)(\.gz)?$'
        Get-ChildItem -LiteralPath ([System.IO.Path]::GetDirectoryName($Path)) -File |
            Where-Object { $_.Name -match $pattern } |
            Sort-Object { [int]($_.Name -replace $pattern, '$1') } -Descending
    }

    function Get-AllMessages {
        # The messages of every rotated file (oldest first) and then of the current file: the order they were written in.
        param([string] $Path)
        $files = @(Get-SizeRotatedFiles $Path | ForEach-Object FullName) + @($Path | Where-Object { Test-Path $_ })
        foreach ($file in $files) {
            foreach ($line in Read-LogLines $file) {
                if ($line -match $LinePattern) { $Matches.message } else { "<not a record line: $line>" }
            }
        }
    }

    function Test-WriterOrder {
        # For messages 'w<writer> r<n> end': the writers whose numbers are not exactly 1, 2, 3, ... in the order read.
        param([string[]] $Messages)
        $next = @{}
        $broken = [System.Collections.Generic.HashSet[string]]::new()
        foreach ($message in $Messages) {
            if ($message -notmatch '^w(\d+) r(\d+) end$') { $null = $broken.Add("bad line: $message"); continue }
            $writer = $Matches[1]; $n = [int]$Matches[2]
            $expected = if ($next.ContainsKey($writer)) { $next[$writer] } else { 1 }
            if ($n -ne $expected) { $null = $broken.Add("writer $writer has r$n where r$expected was due") }
            $next[$writer] = $n + 1
        }
        [pscustomobject]@{ Broken = @($broken); Last = $next }
    }

    function Wait-Compression {
        # Waits for this process's rotated files to be compressed (the engine's flush waits for the compressor).
        [LlamaLog.Engine.LogEngine]::Flush([TimeSpan]::FromSeconds(60))
    }

    function New-ServerLogFolder {
        # A new empty folder for one test: $Folder, and $LogFile (server.log in it, not yet created).
        $script:Folder = New-TestFolder
        $script:LogFile = Join-Path $Folder 'server.log'
    }

    function Remove-ServerLogFolder {
        # Closes the log file (so the folder can go, also on Windows) and removes the folder of New-ServerLogFolder.
        Initialize-LlamaLog -CategoryLevel @{}
        Remove-Item $Folder -Recurse -Force -ErrorAction SilentlyContinue
    }

    function Set-LastWriteTime {
        param([string] $Path, [datetime] $Time)
        [System.IO.File]::SetLastWriteTime($Path, $Time)
    }
}

AfterAll {
    Initialize-LlamaLog -CategoryLevel @{}
}

Describe 'Rotation by size' {
    BeforeEach { New-ServerLogFolder }
    AfterEach { Remove-ServerLogFolder }

    It 'rotates before a record would take the file past -MaxSize' {
        Initialize-LlamaLog -CategoryLevel @{} -LogFile $LogFile -Console None -MaxSize 1000 -MaxFiles 0
        foreach ($i in 1..100) { Write-LlamaLog -Category core "w1 r$i end" }
        $files = @(Get-SizeRotatedFiles $LogFile) + @(Get-Item $LogFile)
        $files.Count | Should -BeGreaterThan 5
        $files | Where-Object Length -GT 1000 | Should -BeNullOrEmpty
        # Full: the next record would not have fitted.
        Get-SizeRotatedFiles $LogFile | Where-Object Length -LT 900 | Should -BeNullOrEmpty
    }

    It 'names the newest rotated file .1 and keeps every record in order across the files' {
        Initialize-LlamaLog -CategoryLevel @{} -LogFile $LogFile -Console None -MaxSize 1000 -MaxFiles 0
        foreach ($i in 1..100) { Write-LlamaLog -Category core "w1 r$i end" }
        $check = Test-WriterOrder @(Get-AllMessages $LogFile)
        $check.Broken | Should -BeNullOrEmpty
        $check.Last['1'] | Should -Be 101
        # The current file follows .1, which follows .2.
        $current = [int]((Get-Messages $LogFile)[0] -replace '^w1 r(\d+) end$', '$1')
        (Get-Messages "$LogFile.1")[-1] | Should -Be "w1 r$($current - 1) end"
        $newest = [int]((Get-Messages "$LogFile.1")[0] -replace '^w1 r(\d+) end$', '$1')
        (Get-Messages "$LogFile.2")[-1] | Should -Be "w1 r$($newest - 1) end"
    }

    It 'keeps -MaxFiles rotated files, deleting the oldest' {
        Initialize-LlamaLog -CategoryLevel @{} -LogFile $LogFile -Console None -MaxSize 1000 -MaxFiles 3
        foreach ($i in 1..100) { Write-LlamaLog -Category core "w1 r$i end" }
        (Get-SizeRotatedFiles $LogFile).Name | Sort-Object | Should -Be @('server.log.1', 'server.log.2', 'server.log.3')
        # The records kept are the newest ones, without a gap.
        $messages = @(Get-AllMessages $LogFile)
        $messages[-1] | Should -Be 'w1 r100 end'
        $first = [int]($messages[0] -replace '^w1 r(\d+) end$', '$1')
        $messages | Should -Be @($first..100 | ForEach-Object { "w1 r$_ end" })
    }

    It 'keeps every rotated file with -MaxFiles 0' {
        Initialize-LlamaLog -CategoryLevel @{} -LogFile $LogFile -Console None -MaxSize 1000 -MaxFiles 0
        foreach ($i in 1..200) { Write-LlamaLog -Category core "w1 r$i end" }
        @(Get-AllMessages $LogFile).Count | Should -Be 200
    }

    It 'writes a record larger than -MaxSize whole, in a file of its own' {
        Initialize-LlamaLog -CategoryLevel @{} -LogFile $LogFile -Console None -MaxSize 1000 -MaxFiles 0
        Write-LlamaLog -Category core 'before'
        $big = 'x' * 3000
        Write-LlamaLog -Category core $big
        Write-LlamaLog -Category core 'after'
        Get-Messages "$LogFile.2" | Should -Be 'before'
        Get-Messages "$LogFile.1" | Should -Be $big
        Get-Messages $LogFile | Should -Be 'after'
    }

    It 'accepts PowerShell sizes and shows the settings in Get-LlamaLogSetting' {
        Initialize-LlamaLog -CategoryLevel @{} -LogFile $LogFile -Console None -MaxSize 64KB -MaxFiles 3 -Compress
        $settings = Get-LlamaLogSetting
        $settings.MaxSize | Should -Be 65536
        $settings.MaxFiles | Should -Be 3
        $settings.RollInterval | Should -Be 'None'
        $settings.Compress | Should -BeTrue
        ($settings | Format-List | Out-String) | Should -Match 'MaxSize\s+: 65536'
    }

    It 'has no rotation, 7 files kept and no compression by default' {
        Initialize-LlamaLog -CategoryLevel @{} -LogFile $LogFile -Console None
        $settings = Get-LlamaLogSetting
        $settings.MaxSize | Should -Be 0
        $settings.MaxFiles | Should -Be 7
        $settings.RollInterval | Should -Be 'None'
        $settings.Compress | Should -BeFalse
    }

    It 'warns that -MaxFiles and -Compress do nothing without -MaxSize or -RollInterval' {
        Initialize-LlamaLog -CategoryLevel @{} -LogFile $LogFile -Console None -MaxFiles 3 -WarningVariable warned -WarningAction SilentlyContinue
        $warned.Count | Should -Be 1
        $warned[0].Message | Should -Match 'never rotated'
    }

    It 'starts rotating when a new setup of the same file adds -MaxSize' {
        Initialize-LlamaLog -CategoryLevel @{} -LogFile $LogFile -Console None
        foreach ($i in 1..30) { Write-LlamaLog -Category core "w1 r$i end" }
        Initialize-LlamaLog -CategoryLevel @{} -LogFile $LogFile -Console None -MaxSize 1000 -MaxFiles 0
        foreach ($i in 31..60) { Write-LlamaLog -Category core "w1 r$i end" }
        Get-SizeRotatedFiles $LogFile | Should -Not -BeNullOrEmpty
        (Test-WriterOrder @(Get-AllMessages $LogFile)).Last['1'] | Should -Be 61
    }

    It 'deletes only names of its own pattern' {
        $others = 'server.log.old', 'server.log.1.bak', 'server.log.2026-12-04', 'server.log.x1', 'other.log.9', 'server.log.9.gz.bak', '.server.log.lock.1'
        foreach ($name in $others) { Set-Content -Path (Join-Path $Folder $name) -Value 'not a rotated file' }
        Initialize-LlamaLog -CategoryLevel @{} -LogFile $LogFile -Console None -MaxSize 1000 -MaxFiles 2
        foreach ($i in 1..100) { Write-LlamaLog -Category core "w1 r$i end" }
        foreach ($name in $others) { Join-Path $Folder $name | Should -Exist }
        (Get-SizeRotatedFiles $LogFile).Name | Sort-Object | Should -Be @('server.log.1', 'server.log.2')
    }

    It 'closes a gap in the numbers that a killed rotation left' {
        Set-Content -Path "$LogFile.1" -Value 'newest'
        Set-Content -Path "$LogFile.3" -Value 'older'
        Set-Content -Path "$LogFile.6" -Value 'oldest'
        Initialize-LlamaLog -CategoryLevel @{} -LogFile $LogFile -Console None -MaxSize 1000 -MaxFiles 0
        Write-LlamaLog -Category core ('x' * 990)
        Write-LlamaLog -Category core 'next'
        (Get-SizeRotatedFiles $LogFile).Name | Should -Be @('server.log.4', 'server.log.3', 'server.log.2', 'server.log.1')
        Get-Content "$LogFile.4" | Should -Be 'oldest'
        Get-Content "$LogFile.3" | Should -Be 'older'
        Get-Content "$LogFile.2" | Should -Be 'newest'
    }

    It 'leaves the file as it is when a new setup opens it already past -MaxSize, until the next record' {
        Set-Content -Path $LogFile -Value ('y' * 5000)
        Initialize-LlamaLog -CategoryLevel @{} -LogFile $LogFile -Console None -MaxSize 1000
        "$LogFile.1" | Should -Not -Exist
        Write-LlamaLog -Category core 'first'
        (Get-Item "$LogFile.1").Length | Should -Be 5001
        Get-Messages $LogFile | Should -Be 'first'
    }
}

Describe 'Compressed rotated files' {
    BeforeEach { New-ServerLogFolder }
    AfterEach { Remove-ServerLogFolder }

    It 'gzips every rotated file to .gz and leaves no .gz.tmp nor uncompressed copy' {
        Initialize-LlamaLog -CategoryLevel @{} -LogFile $LogFile -Console None -MaxSize 1000 -MaxFiles 0 -Compress
        foreach ($i in 1..100) { Write-LlamaLog -Category core "w1 r$i end" }
        Wait-Compression
        $rotated = @(Get-SizeRotatedFiles $LogFile)
        $rotated.Count | Should -BeGreaterThan 3
        $rotated | Where-Object { -not $_.Name.EndsWith('.gz') } | Should -BeNullOrEmpty
        Get-ChildItem $Folder -Filter '*.tmp' | Should -BeNullOrEmpty
        $check = Test-WriterOrder @(Get-AllMessages $LogFile)
        $check.Broken | Should -BeNullOrEmpty
        $check.Last['1'] | Should -Be 101
    }

    It 'deletes a .gz.tmp a killed compressor left, and compresses its source again' {
        Set-Content -Path "$LogFile.1" -Value 'rotated before'
        Set-Content -Path "$LogFile.1.gz.tmp" -Value 'half written'
        Initialize-LlamaLog -CategoryLevel @{} -LogFile $LogFile -Console None -MaxSize 1000 -MaxFiles 0 -Compress
        Write-LlamaLog -Category core ('x' * 990)
        Write-LlamaLog -Category core 'next'
        Wait-Compression
        "$LogFile.1.gz.tmp" | Should -Not -Exist
        Read-LogLines "$LogFile.2.gz" | Should -Be 'rotated before'
    }

    It 'deletes a rotated file beside its finished .gz (killed between the rename and the delete)' {
        Set-Content -Path "$LogFile.1" -Value 'rotated before'
        $gzip = [System.IO.Compression.GZipStream]::new([System.IO.File]::Create("$LogFile.1.gz"), [System.IO.Compression.CompressionLevel]::Optimal)
        $bytes = [System.Text.Encoding]::UTF8.GetBytes("rotated before`n")
        $gzip.Write($bytes, 0, $bytes.Length)
        $gzip.Dispose()
        Initialize-LlamaLog -CategoryLevel @{} -LogFile $LogFile -Console None -MaxSize 1000 -MaxFiles 0 -Compress
        Write-LlamaLog -Category core ('x' * 990)
        Write-LlamaLog -Category core 'next'
        Wait-Compression
        (Get-SizeRotatedFiles $LogFile).Name | Should -Be @('server.log.2.gz', 'server.log.1.gz')
        Read-LogLines "$LogFile.2.gz" | Should -Be 'rotated before'
    }
}

Describe 'Rotation by time' {
    BeforeEach { New-ServerLogFolder }
    AfterEach { Remove-ServerLogFolder }

    It 'names a file last written yesterday after its day, at the first record of today' {
        Set-Content -Path $LogFile -Value 'from yesterday'
        $yesterday = [datetime]::Now.Date.AddDays(-1).AddHours(12)
        Set-LastWriteTime $LogFile $yesterday
        Initialize-LlamaLog -CategoryLevel @{} -LogFile $LogFile -Console None -RollInterval Day
        Write-LlamaLog -Category core 'today'
        $name = 'server.log.' + $yesterday.ToString('yyyy-MM-dd', [cultureinfo]::InvariantCulture)
        Get-Content (Join-Path $Folder $name) | Should -Be 'from yesterday'
        Get-Messages $LogFile | Should -Be 'today'
    }

    It 'names a file of an earlier hour yyyy-MM-dd_HH, in local time' {
        Set-Content -Path $LogFile -Value 'two hours ago'
        $earlier = [datetime]::Now.AddHours(-2)
        Set-LastWriteTime $LogFile $earlier
        Initialize-LlamaLog -CategoryLevel @{} -LogFile $LogFile -Console None -RollInterval Hour
        Write-LlamaLog -Category core 'now'
        $name = 'server.log.' + $earlier.ToString('yyyy-MM-dd_HH', [cultureinfo]::InvariantCulture)
        Get-Content (Join-Path $Folder $name) | Should -Be 'two hours ago'
    }

    It 'keeps writing to a file of the current day' {
        Initialize-LlamaLog -CategoryLevel @{} -LogFile $LogFile -Console None -RollInterval Day
        Write-LlamaLog -Category core 'one'
        Write-LlamaLog -Category core 'two'
        Get-Messages $LogFile | Should -Be @('one', 'two')
        (Get-ChildItem $Folder -File).Name | Should -Be 'server.log'
    }

    It 'numbers the date name .1, .2, ... in the order written when -MaxSize is given too' {
        Initialize-LlamaLog -CategoryLevel @{} -LogFile $LogFile -Console None -RollInterval Day -MaxSize 1000 -MaxFiles 0
        foreach ($i in 1..40) { Write-LlamaLog -Category core "w1 r$i end" }
        $today = [datetime]::Now.ToString('yyyy-MM-dd', [cultureinfo]::InvariantCulture)
        Get-Messages (Join-Path $Folder "server.log.$today.1") | Select-Object -First 1 | Should -Be 'w1 r1 end'
        $second = @(Get-Messages (Join-Path $Folder "server.log.$today.2"))
        $second[0] | Should -Be ("w1 r{0} end" -f ([int]((Get-Messages (Join-Path $Folder "server.log.$today.1"))[-1] -replace '^w1 r(\d+) end$', '$1') + 1))
    }

    It 'keeps the newest -MaxFiles periods and touches no other name' {
        foreach ($day in 1..5) {
            Set-Content -Path (Join-Path $Folder ('server.log.2026-11-0{0}' -f $day)) -Value "day $day"
        }
        Set-Content -Path (Join-Path $Folder 'server.log.2026-11-01_05') -Value 'an hourly name'
        Set-Content -Path (Join-Path $Folder 'server.log.1') -Value 'a size name'
        Set-Content -Path $LogFile -Value 'from yesterday'
        Set-LastWriteTime $LogFile ([datetime]::Now.Date.AddDays(-1))
        Initialize-LlamaLog -CategoryLevel @{} -LogFile $LogFile -Console None -RollInterval Day -MaxFiles 3
        Write-LlamaLog -Category core 'today'
        $yesterday = [datetime]::Now.Date.AddDays(-1).ToString('yyyy-MM-dd', [cultureinfo]::InvariantCulture)
        (Get-ChildItem $Folder -File).Name | Sort-Object | Should -Be (@(
                'server.log', 'server.log.1', 'server.log.2026-11-01_05', 'server.log.2026-11-04', 'server.log.2026-11-05', "server.log.$yesterday"
            ) | Sort-Object)
    }
}

Describe 'Faults during rotation' {
    BeforeEach { New-ServerLogFolder }
    AfterEach { Remove-ServerLogFolder }

    It 'warns once, holds the records and writes them when the rotation can be done, while the host goes on' {
        Initialize-LlamaLog -CategoryLevel @{} -LogFile $LogFile -Console Host -MaxSize 1000 -MaxFiles 0
        Write-LlamaLog -Category core ('x' * 990) 6>$null
        # A folder where the rotated file must go: the rename fails (even as root).
        New-Item -ItemType Directory -Path "$LogFile.1" | Out-Null
        Set-Content -Path "$LogFile.1/in the way" -Value 'x'
        $shown = Write-LlamaLog -Category core 'held 1' -WarningVariable first -WarningAction SilentlyContinue 6>&1
        Write-LlamaLog -Category core 'held 2' -WarningVariable second -WarningAction SilentlyContinue 6>$null
        $first.Count | Should -Be 1
        $first[0].Message | Should -Match ([regex]::Escape($LogFile))
        $second.Count | Should -Be 0
        (Remove-Ansi "$shown") | Should -Match 'held 1'
        Remove-Item "$LogFile.1" -Recurse -Force
        Write-LlamaLog -Category core 'after' -WarningVariable resumed -WarningAction SilentlyContinue 6>$null
        $resumed.Count | Should -Be 1
        $resumed[0].Message | Should -Match 'resumed'
        (Get-Messages "$LogFile.1").Count | Should -Be 1
        Get-Messages $LogFile | Should -Be @('held 1', 'held 2', 'after')
    }
}

Describe 'Many writers rotating one file' {
    BeforeAll {
        $script:Folder = New-TestFolder
    }

    AfterAll {
        Initialize-LlamaLog -CategoryLevel @{}
        Remove-Item $Folder -Recurse -Force -ErrorAction SilentlyContinue
    }

    It 'keeps every record of 4 processes x 10,000 with -MaxSize 64KB in exactly one file, whole, each writer in order' {
        $path = Join-Path $Folder 'processes.log'
        $children = foreach ($writer in 1..4) {
            Start-PwshProcess @"
Import-Module '$env:LLAMALOG_TEST_MODULE'
Initialize-LlamaLog -LogFile '$path' -Console None -MaxSize 64KB -MaxFiles 0
foreach (`$i in 1..10000) { Write-LlamaLog -Category core "w$writer r`$i end" }
"@
        }
        $children | Wait-Process -Timeout 300
        $children | ForEach-Object { $_.ExitCode | Should -Be 0 }
        $messages = @(Get-AllMessages $path)
        $messages.Count | Should -Be 40000
        $check = Test-WriterOrder $messages
        $check.Broken | Should -BeNullOrEmpty
        foreach ($writer in 1..4) { $check.Last["$writer"] | Should -Be 10001 }
    }

    It 'leaves no empty rotated file and no file past -MaxSize by more than one record per writer' {
        $path = Join-Path $Folder 'processes.log'
        $files = @(Get-SizeRotatedFiles $path)
        $files.Count | Should -BeGreaterThan 10
        $files | Where-Object Length -EQ 0 | Should -BeNullOrEmpty
        $longest = (Get-Content $path -TotalCount 1 | ForEach-Object { [System.Text.Encoding]::UTF8.GetByteCount($_) + 1 }) + 10
        $files | Where-Object Length -GT (64KB + 4 * $longest) | Should -BeNullOrEmpty
    }

    It 'keeps a file within one record per writer when a writer that opened the path first writes again after another wrote alone for long' {
        # Two sinks of one path: the later one writes alone until it reads the length only every 64 records; then the
        # first fills the file to just under the size, and the later one must see those records before its next write.
        $path = Join-Path $Folder 'waking.log'
        $policy = [LlamaLog.Engine.Sinks.Files.RollingPolicy]::new(64KB, 0, 'None', $false)
        $text = [LlamaLog.Engine.Formatting.TextLineFormatter]::Instance
        $early = [LlamaLog.Engine.Sinks.FileSink]::new($path, $text, $policy)
        $late = [LlamaLog.Engine.Sinks.FileSink]::new($path, $text, $policy)
        try {
            $record = { param($message) [LlamaLog.Engine.Records.LogRecord]::new([datetime]::Now, 'w', 1, 'core', 20, $message, $false) }
            $pad = 'y' * 200
            foreach ($i in 1..12000) { $null = $late.Emit((& $record "late r$i $pad")) }
            $filler = 'x' * 900
            foreach ($round in 1..3) {
                # The first sink tops the file up to just under the size (it checks exactly, so it does not rotate)...
                while ((Get-Item -LiteralPath $path).Length + 1000 -lt 64KB) { $null = $early.Emit((& $record "early $filler")) }
                # ...and the later one, which has not read the length since, must not write past it unseen.
                foreach ($i in 1..63) { $null = $late.Emit((& $record "late again r$i $pad")) }
            }
        }
        finally {
            $early.Dispose()
            $late.Dispose()
        }

        # One record per writer: the first's (under 1,000 bytes) and the later one's (under 300).
        @(Get-SizeRotatedFiles $path) + @(Get-Item -LiteralPath $path) | Where-Object Length -GT (64KB + 1000 + 300) | Should -BeNullOrEmpty
    }

    It 'keeps every record of 4 runspaces x 5,000 with -MaxSize 16KB, each runspace in order' {
        $path = Join-Path $Folder 'runspaces.log'
        Initialize-LlamaLog -CategoryLevel @{} -LogFile $path -Console None -MaxSize 16KB -MaxFiles 0
        1..4 | ForEach-Object -ThrottleLimit 4 -Parallel {
            Import-Module $using:env:LLAMALOG_TEST_MODULE
            $writer = $_
            foreach ($i in 1..5000) { Write-LlamaLog -Category core "w$writer r$i end" }
        }
        $check = Test-WriterOrder @(Get-AllMessages $path)
        $check.Broken | Should -BeNullOrEmpty
        foreach ($writer in 1..4) { $check.Last["$writer"] | Should -Be 5001 }
    }
}

Describe 'Writers killed in the middle of rotations' -Skip:$IsWindows {
    BeforeAll {
        $script:Folder = New-TestFolder

        # The killed writers are small .NET programs that write through the engine's file sink (what Write-LlamaLog
        # calls, rotation included): a pwsh takes a second or more of CPU to start, too slow for 200 kills. Built
        # here with the Roslyn that Add-Type uses, against pwsh's reference assemblies and the built module.
        $script:WriterFolder = Join-Path $Folder 'writer'
        New-Item -ItemType Directory -Path $WriterFolder | Out-Null
        $engine = Join-Path (Split-Path $env:LLAMALOG_TEST_MODULE) 'LlamaLog.PowerShell.dll'
        Copy-Item $engine $WriterFolder
        $source = @'
using System;
using System.IO;
using System.Threading;
using LlamaLog;
using LlamaLog.Engine.Formatting;
using LlamaLog.Engine.Records;
using LlamaLog.Engine.Sinks;
using LlamaLog.Engine.Sinks.Files;

// Arguments: log path, writer id, acknowledgement file, records. Writes the records as Initialize-LlamaLog -MaxSize 1KB
// -MaxFiles 0 -Compress would, noting after each one how many have returned; then waits to be killed.
public static class Writer
{
    public static int Main(string[] args)
    {
        var sink = new FileSink(args[0], TextLineFormatter.Instance, new RollingPolicy(1024, 0, RollInterval.None, true));
        int records = int.Parse(args[3]);
        using (var ack = new FileStream(args[2], FileMode.Create, FileAccess.Write, FileShare.ReadWrite))
        {
            var bytes = new byte[8];
            for (long i = 1; i <= records; i++)
            {
                string notice = sink.Emit(new LogRecord(DateTime.Now, "w", 1, "core", 20, "w" + args[1] + " r" + i + " end", false));
                if (notice != null)
                {
                    Console.Error.WriteLine(notice);
                    return 1;
                }

                BitConverter.GetBytes(i).CopyTo(bytes, 0);
                ack.Position = 0;
                ack.Write(bytes, 0, 8);
                ack.Flush();
            }
        }

        Thread.Sleep(Timeout.Infinite);
        return 0;
    }
}
'@
        Add-Type -AssemblyName Microsoft.CodeAnalysis, Microsoft.CodeAnalysis.CSharp
        [Microsoft.CodeAnalysis.MetadataReference[]] $references = @(Get-ChildItem (Join-Path $PSHOME 'ref') -Filter '*.dll' |
                ForEach-Object { [Microsoft.CodeAnalysis.MetadataReference]::CreateFromFile($_.FullName) }) +
            [Microsoft.CodeAnalysis.MetadataReference]::CreateFromFile($engine)
        $compilation = [Microsoft.CodeAnalysis.CSharp.CSharpCompilation]::Create('writer',
            [Microsoft.CodeAnalysis.SyntaxTree[]]@([Microsoft.CodeAnalysis.CSharp.CSharpSyntaxTree]::ParseText($source)), $references,
            [Microsoft.CodeAnalysis.CSharp.CSharpCompilationOptions]::new([Microsoft.CodeAnalysis.OutputKind]::ConsoleApplication))
        $stream = [System.IO.File]::Create((Join-Path $WriterFolder 'writer.dll'))
        try { $emitted = $compilation.Emit($stream) } finally { $stream.Dispose() }
        $emitted.Success | Should -BeTrue -Because ($emitted.Diagnostics -join "`n")
        $runtime = [Environment]::Version
        @{ runtimeOptions = @{ tfm = "net$($runtime.Major).$($runtime.Minor)"; framework = @{ name = 'Microsoft.NETCore.App'; version = "$($runtime.Major).$($runtime.Minor).0" } } } |
            ConvertTo-Json -Depth 4 | Set-Content (Join-Path $WriterFolder 'writer.runtimeconfig.json')
        # The dotnet host of the runtime this pwsh runs on.
        $script:Dotnet = [System.IO.Path]::GetFullPath((Join-Path ([System.Runtime.InteropServices.RuntimeEnvironment]::GetRuntimeDirectory()) '../../../dotnet'))
    }

    AfterAll {
        Remove-Item $Folder -Recurse -Force -ErrorAction SilentlyContinue
    }

    It 'loses no record and leaves a set the next writer completes, after SIGKILLs at random points' {
        # Three writers at a time share the file, each writing 40 records (one or two rotations, each renumbering
        # every rotated file, then gzip in the background) and killed at a random moment between its first record
        # and a little after its last: inside a write, a rotation's renames, a compression, or its publication.
        # The issue asks for 200 kills: the loop stops at 200 or after 25 s, whichever comes first, to keep the
        # suite's time (200 took 24 s on 2 cores shared with other builds, at a load average of 20).
        $path = Join-Path $Folder 'killed.log'
        $start = {
            param($id)
            $info = [System.Diagnostics.ProcessStartInfo]::new($Dotnet)
            foreach ($argument in @((Join-Path $WriterFolder 'writer.dll'), $path, "$id", (Join-Path $Folder "ack-$id"), '40')) { $info.ArgumentList.Add($argument) }
            $info.UseShellExecute = $false
            [System.Diagnostics.Process]::Start($info)
        }
        $acknowledged = {
            param($id)
            $file = Join-Path $Folder "ack-$id"
            if (-not (Test-Path $file)) { return 0 }
            $bytes = [System.IO.File]::ReadAllBytes($file)
            if ($bytes.Length -lt 8) { return 0 }
            [BitConverter]::ToInt64($bytes, 0)
        }

        $random = [System.Random]::new(16)
        $running = [System.Collections.Generic.List[object]]::new()
        $next = 1
        $kills = 0
        $clock = [System.Diagnostics.Stopwatch]::StartNew()
        while ($kills -lt 200 -and $clock.Elapsed.TotalSeconds -lt 25) {
            while ($running.Count -lt 3) {
                $running.Add([pscustomobject]@{ Id = $next; Process = (& $start $next) })
                $next++
            }
            # A random one of the writers that have started writing.
            $waited = [System.Diagnostics.Stopwatch]::StartNew()
            do {
                $writing = @($running | Where-Object { (& $acknowledged $_.Id) -gt 0 -or $_.Process.HasExited })
                if ($writing.Count -eq 0) { Start-Sleep -Milliseconds 1 }
            } while ($writing.Count -eq 0 -and $waited.Elapsed.TotalSeconds -lt 30)
            $victim = $writing[$random.Next($writing.Count)]
            $victim.Process.HasExited | Should -BeFalse -Because "writer $($victim.Id) must not fail on its own"
            $delay = [System.Diagnostics.Stopwatch]::StartNew()
            $ticks = $random.Next(0, 8) * [System.Diagnostics.Stopwatch]::Frequency / 1000
            while ($delay.ElapsedTicks -lt $ticks) { }
            $victim.Process.Kill()
            $victim.Process.WaitForExit()
            $kills++
            $null = $running.Remove($victim)
        }
        foreach ($writer in $running) { $writer.Process.Kill(); $writer.Process.WaitForExit() }
        $kills | Should -BeGreaterThan 0
        Write-Host "    $kills writers killed in $([int]$clock.Elapsed.TotalSeconds) s"

        # A last writer, through Write-LlamaLog, that ends normally: its rotations repair and renumber what the
        # killed ones left, and it waits for its compressions.
        $final = $next
        $last = Start-PwshProcess @"
Import-Module '$env:LLAMALOG_TEST_MODULE'
Initialize-LlamaLog -LogFile '$path' -Console None -MaxSize 1KB -MaxFiles 0 -Compress
foreach (`$i in 1..100) { Write-LlamaLog -Category core "w$final r`$i end" }
[LlamaLog.Engine.LogEngine]::Flush([TimeSpan]::FromSeconds(60))
"@
        $last | Wait-Process -Timeout 120
        $last.ExitCode | Should -Be 0

        $check = Test-WriterOrder @(Get-AllMessages $path)
        $check.Broken | Should -BeNullOrEmpty
        foreach ($id in 1..($final - 1)) {
            $written = if ($check.Last.ContainsKey("$id")) { $check.Last["$id"] - 1 } else { 0 }
            $written | Should -BeGreaterOrEqual (& $acknowledged $id) -Because "writer $id had $(& $acknowledged $id) records returned before its kill"
        }
        $check.Last["$final"] | Should -Be 101

        # The set is whole again: numbered 1..N without a gap, all compressed, nothing half done, nothing empty.
        $rotated = @(Get-SizeRotatedFiles $path)
        $rotated | Where-Object { -not $_.Name.EndsWith('.gz') } | Should -BeNullOrEmpty
        ($rotated.Name | ForEach-Object { [int]($_ -replace '^killed\.log\.(\d+)\.gz$', '$1') } | Sort-Object) | Should -Be @(1..$rotated.Count)
        Get-ChildItem $Folder -Filter '*.tmp' | Should -BeNullOrEmpty
        $rotated | Where-Object Length -EQ 0 | Should -BeNullOrEmpty
    }
}
