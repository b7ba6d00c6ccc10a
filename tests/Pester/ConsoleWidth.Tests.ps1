# The console width has one rule, for Initialize-LlamaLog -Width and LLAMA_STACK_LOG_WIDTH alike (issue 18, item 7):
# a whole number of cells from 11 to 100000; a number counts by its value (80.0 is 80), text must be digits, as
# Python's int() reads the variable. A refused -Width is a binding error, a refused variable a warning, both
# in the same words.
BeforeAll {
    Import-Module $env:LLAMALOG_TEST_MODULE -Force
    $script:Rule = 'is not a console width. A width is a whole number of cells from 11 to 100000.'

    # Runs Initialize-LlamaLog with LLAMA_STACK_LOG_WIDTH (and no OGX_LOG_WIDTH) set to $Text; returns the width in
    # force and the warnings.
    function Invoke-WithWidthVariable([string] $Text) {
        $saved = $env:LLAMA_STACK_LOG_WIDTH, $env:OGX_LOG_WIDTH
        try {
            $env:LLAMA_STACK_LOG_WIDTH = $Text
            $env:OGX_LOG_WIDTH = $null
            Initialize-LlamaLog -CategoryLevel @{} -Console None -WarningVariable warned -WarningAction SilentlyContinue
            [pscustomobject]@{ Width = (Get-LlamaLogSetting).Width; Warnings = @($warned | ForEach-Object Message) }
        }
        finally {
            $env:LLAMA_STACK_LOG_WIDTH, $env:OGX_LOG_WIDTH = $saved
        }
    }
}

AfterAll {
    Initialize-LlamaLog -CategoryLevel @{} -Console None -Width 120
}

Describe 'The console width' {
    It 'takes <Display> from -Width as <Expected>' -ForEach @(
        @{ Display = '11'; Value = 11; Expected = 11 }
        @{ Display = '100000'; Value = 100000; Expected = 100000 }
        @{ Display = '80.0'; Value = 80.0; Expected = 80 }
        @{ Display = '[decimal]90'; Value = [decimal]90; Expected = 90 }
        @{ Display = "the text '70'"; Value = '70'; Expected = 70 }
    ) {
        Initialize-LlamaLog -CategoryLevel @{} -Console None -Width $Value
        (Get-LlamaLogSetting).Width | Should -Be $Expected
    }

    It 'takes <_> from LLAMA_STACK_LOG_WIDTH without a warning' -ForEach '11', '100000', ' 80 ' {
        $result = Invoke-WithWidthVariable $_
        $result.Width | Should -Be ([int]$_.Trim())
        $result.Warnings | Should -BeNullOrEmpty
    }

    It 'refuses <Display> from -Width, naming the rule' -ForEach @(
        @{ Display = '10'; Value = 10; Quoted = '10' }
        @{ Display = '100001'; Value = 100001; Quoted = '100001' }
        @{ Display = '99999999999'; Value = 99999999999; Quoted = '99999999999' }
        @{ Display = '80.5'; Value = 80.5; Quoted = '80.5' }
        @{ Display = "the text '80.0'"; Value = '80.0'; Quoted = '80.0' }
    ) {
        Initialize-LlamaLog -CategoryLevel @{} -Console None -Width 100
        $err = { Initialize-LlamaLog -CategoryLevel @{} -Console None -Width $Value } | Should -Throw -PassThru
        $err.FullyQualifiedErrorId | Should -BeLike 'ParameterArgumentTransformationError*'
        $err.Exception.Message | Should -BeLike "*'$Quoted' $Rule"
        (Get-LlamaLogSetting).Width | Should -Be 100
    }

    It 'warns about <_> in LLAMA_STACK_LOG_WIDTH in the same words, and uses 120' -ForEach '10', '100001', '200000', '99999999999', '80.5', '80.0', 'wide' {
        $result = Invoke-WithWidthVariable $_
        $result.Width | Should -Be 120
        $result.Warnings | Should -Be @("LLAMA_STACK_LOG_WIDTH='$_' $Rule Using the default width 120.")
    }
}
