@{
    RootModule           = 'LlamaLog.PowerShell.dll'
    ModuleVersion        = '0.1.0'
    CompatiblePSEditions = @('Desktop', 'Core')
    GUID                 = '2c93eb27-a4c4-491f-9dad-f9ee63b1491b'
    Author               = 'LlamaLog contributors'
    CompanyName          = 'LlamaLog'
    Copyright            = '(c) LlamaLog contributors. MIT License.'
    Description          = "Llama Stack's category-level logging engine for PowerShell: parse and validate run.yaml and LLAMA_STACK_LOGGING level configurations, set process-wide levels per category, and write categorized messages with Rich markup to the host (as a Llama Stack server's console shows them) and to a log file as clean text."
    PowerShellVersion    = '5.1'
    FormatsToProcess     = @('LlamaLog.Format.ps1xml')
    CmdletsToExport      = @(
        'ConvertFrom-LlamaLog'
        'ConvertFrom-LlamaLogConfig'
        'ConvertFrom-LlamaLogMarkup'
        'Get-LlamaLogLevel'
        'Get-LlamaLogger'
        'Get-LlamaLogSetting'
        'Import-LlamaLog'
        'Initialize-LlamaLog'
        'Register-LlamaLogCategory'
        'Set-LlamaLogLevel'
        'Test-LlamaLogConfig'
        'Write-LlamaLog'
    )
    FunctionsToExport    = @()
    VariablesToExport    = @()
    AliasesToExport      = @()
    PrivateData          = @{
        PSData = @{
            Tags         = @('Logging', 'Log', 'LlamaStack', 'Llama', 'OGX', 'Rich', 'ANSI', 'Configuration', 'PSEdition_Core', 'PSEdition_Desktop', 'Linux', 'Windows', 'MacOS')
            ReleaseNotes = 'First release: category levels, configuration parsing, Write-LlamaLog with Rich markup.'
        }
    }
}
