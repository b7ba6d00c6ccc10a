# The docs toolchain (tools/LlamaLogDocs.psm1, tools/ConvertTo-MamlHelp.ps1) on small sample pages in
# data/docs: valid/ holds a page and an about topic that use every part of the schema, broken/ one page
# per schema error, and DocsSample.psm1 the command that the valid page documents.

BeforeAll {
    Import-Module (Join-Path $PSScriptRoot '../../tools/LlamaLogDocs.psm1') -Force
    $script:Data = Join-Path $PSScriptRoot 'data/docs'
    $script:SamplePage = Join-Path $Data 'valid/Set-DocsSample.md'
    . (Join-Path $PSScriptRoot 'TestLog.ps1')

    function Get-LineNumber {
        # The line of a page that a schema error must name: the last line matching the pattern.
        param([string] $Path, [string] $Pattern)
        (Select-String -LiteralPath $Path -Pattern $Pattern | Select-Object -Last 1).LineNumber
    }
}

Describe 'Read-CommandHelp on a valid page' {
    BeforeAll {
        $script:Help = Read-CommandHelp $SamplePage
    }

    It 'takes the cmdlet name from the title and keeps the metadata header' {
        $Help.Name | Should -Be 'Set-DocsSample'
        $Help.Metadata['external help file'] | Should -Be 'DocsSample-help.xml'
        $Help.Metadata['online version'] | Should -Be 'https://example.org/Set-DocsSample'
    }

    It 'reads the synopsis and the description as markdown' {
        $Help.Synopsis | Should -Be 'Sets a sample, for the converter''s tests.'
        $Help.Description | Should -BeLike 'The first paragraph*runs over two lines.*- another item'
    }

    It 'reads one syntax entry per parameter set and marks the default one' {
        $Help.Syntax.Name | Should -Be 'ByName', 'ByObject'
        $Help.Syntax.IsDefault | Should -Be $true, $false
        $Help.Syntax[1].Text | Should -Be 'Set-DocsSample [-InputObject] <Object> -Force [-Mode <String>] [-Pattern <String>] [<CommonParameters>]'
    }

    It 'reads an example''s title, its powershell code, and the rest as remarks' {
        $Help.Examples[0].Title | Should -Be 'Example 1: Set one sample'
        $Help.Examples[0].Code | Should -Be "# A comment line in code is not a heading.`nSet-DocsSample -Name one"
        $Help.Examples[0].Remarks | Should -Be "``````output`none`n```````n`nThe output block and this prose are the remarks."
    }

    It 'keeps every powershell block of an example as its code' {
        $Help.Examples[1].Code | Should -Be '$names = ''a'', ''b''', '$names | Set-DocsSample'
    }

    It 'reads the nine yaml keys of a parameter' {
        $name = $Help.Parameters | Where-Object Name -EQ 'Name'
        $name.Description | Should -Be 'The names to set.'
        $name.Metadata.Count | Should -Be 1
        $m = $name.Metadata[0]
        $m.Type | Should -Be 'String[]'
        $m.ParameterSets | Should -Be 'ByName'
        $m.Aliases | Should -Be 'Id'
        $m.Required | Should -BeTrue
        $m.Position | Should -Be '0'
        $m.DefaultValue | Should -Be 'None'
        $m.ByValue | Should -BeTrue
        $m.ByPropertyName | Should -BeTrue
        $m.Globbing | Should -BeFalse
    }

    It 'reads accepted values, a default value and wildcard support' {
        $mode = ($Help.Parameters | Where-Object Name -EQ 'Mode').Metadata[0]
        $mode.AcceptedValues | Should -Be 'Fast', 'Safe'
        $mode.DefaultValue | Should -Be 'Safe'
        ($Help.Parameters | Where-Object Name -EQ 'Pattern').Metadata[0].Globbing | Should -BeTrue
    }

    It 'keeps one yaml block per group of parameter sets with the same metadata' {
        $force = $Help.Parameters | Where-Object Name -EQ 'Force'
        $force.Metadata.ParameterSets | Should -Be 'ByName', 'ByObject'
        $force.Metadata.Required | Should -Be $false, $true
    }

    It 'keeps the parameters in the page''s order and notes the CommonParameters section' {
        $Help.Parameters.Name | Should -Be 'Name', 'InputObject', 'Mode', 'Pattern', 'Force'
        $Help.CommonParameters | Should -BeTrue
    }

    It 'reads the inputs, outputs, notes and related links' {
        $Help.Inputs.TypeName | Should -Be 'System.String[]', 'System.Object'
        $Help.Inputs[0].Description | Should -Be 'Names.'
        $Help.Outputs.TypeName | Should -Be 'None'
        $Help.Notes | Should -Be 'A note.'
        $Help.Links.Text | Should -Be 'Get-DocsSample', 'Docs site'
        $Help.Links.Uri | Should -Be 'Get-DocsSample.md', 'https://example.org/site'
    }
}

Describe 'Read-CommandHelp on a page that breaks the schema' {
    It 'stops at <File> naming the file and the line' -ForEach @(
        @{ File = 'Test-NoFrontMatter.md'; At = $null; Message = "the file must start with a '---' metadata header" }
        @{ File = 'Test-WrongSchema.md'; At = '^schema: 1.0.0'; Message = "schema '1.0.0' is not supported*" }
        @{ File = 'Test-TitleMismatch.md'; At = '^# Test-SomethingElse'; Message = 'the title*does not match the file name*' }
        @{ File = 'Test-MissingSection.md'; At = '^# Test-MissingSection'; Message = "missing section '## DESCRIPTION'" }
        @{ File = 'Test-UnknownHeading.md'; At = '^## PARAMETER SETS'; Message = "unknown heading '## PARAMETER SETS'*" }
        @{ File = 'Test-DuplicateSection.md'; At = '^## NOTES'; Message = "'## NOTES' appears twice" }
        @{ File = 'Test-UnclosedFence.md'; At = '^```powershell'; Message = 'this code block is never closed' }
        @{ File = 'Test-SyntaxText.md'; At = '^Syntax goes in'; Message = 'unexpected text in ## SYNTAX*' }
        @{ File = 'Test-ExampleWithoutCode.md'; At = '^Prose comes after'; Message = '### Example 1 must start with a *powershell code block' }
        @{ File = 'Test-NoYamlBlock.md'; At = '^### -Name'; Message = '-Name has no *yaml metadata block' }
        @{ File = 'Test-BadYamlValue.md'; At = '^Required: Maybe'; Message = "'Required: Maybe' of -Name is not valid; expected True or False" }
        @{ File = 'Test-BadPipelineInput.md'; At = '^Accept pipeline input: Yes'; Message = "'Accept pipeline input: Yes' of -Name is not valid*" }
        @{ File = 'Test-MissingYamlKey.md'; At = '^```yaml'; Message = "the yaml block of -Name has no 'Position:'" }
        @{ File = 'Test-UnknownYamlKey.md'; At = '^Mandatory: True'; Message = "unknown key 'Mandatory' in the yaml block of -Name*" }
        @{ File = 'Test-UnknownParameterSet.md'; At = '^Parameter Sets: ByPath'; Message = "-Name names parameter set 'ByPath', which ## SYNTAX does not have" }
        @{ File = 'Test-TextAfterYaml.md'; At = '^This description belongs'; Message = 'unexpected content after the yaml block of -Name*' }
        @{ File = 'Test-UnknownParameterHeading.md'; At = '^### Name'; Message = "unknown heading '### Name' in ## PARAMETERS*" }
        @{ File = 'Test-BadLink.md'; At = '^See the other page'; Message = '## RELATED LINKS holds one markdown link per line*' }
    ) {
        $path = Join-Path $Data "broken/$File"
        $line = if ($At) { Get-LineNumber $path $At } else { 1 }
        { Read-CommandHelp $path } | Should -Throw -ExpectedMessage "*${File}:${line}: $Message"
    }
}

Describe 'ConvertTo-MamlHelp' {
    BeforeAll {
        $script:Maml = [xml] (ConvertTo-MamlHelp (Read-CommandHelp $SamplePage))
        $script:Ns = [System.Xml.XmlNamespaceManager]::new($Maml.NameTable)
        $Ns.AddNamespace('msh', 'http://msh')
        $Ns.AddNamespace('maml', 'http://schemas.microsoft.com/maml/2004/10')
        $Ns.AddNamespace('command', 'http://schemas.microsoft.com/maml/dev/command/2004/10')
        $Ns.AddNamespace('dev', 'http://schemas.microsoft.com/maml/dev/2004/10')
        $script:Command = $Maml.SelectSingleNode('/msh:helpItems/command:command', $Ns)

        function Select-Node([string] $XPath, [System.Xml.XmlNode] $From = $Command) { $From.SelectNodes($XPath, $Ns) }
        function Get-SyntaxParameter([int] $Set, [string] $Name) {
            @(Select-Node "command:syntax/command:syntaxItem[$Set]/command:parameter[maml:name='$Name']")[0]
        }
    }

    It 'writes a helpItems document with schema="maml" in the msh namespace' {
        $Maml.DocumentElement.LocalName | Should -Be 'helpItems'
        $Maml.DocumentElement.NamespaceURI | Should -Be 'http://msh'
        $Maml.DocumentElement.GetAttribute('schema') | Should -Be 'maml'
    }

    It 'declares the maml, command, dev and MSHelp namespaces on each command' {
        $Command.GetAttribute('xmlns:maml') | Should -Be 'http://schemas.microsoft.com/maml/2004/10'
        $Command.GetAttribute('xmlns:command') | Should -Be 'http://schemas.microsoft.com/maml/dev/command/2004/10'
        $Command.GetAttribute('xmlns:dev') | Should -Be 'http://schemas.microsoft.com/maml/dev/2004/10'
        $Command.GetAttribute('xmlns:MSHelp') | Should -Be 'http://msdn.microsoft.com/mshelp'
    }

    It 'writes the parts of a command in the order PlatyPS does' {
        # .Name of an XmlElement would be its <name> child; get_Name() is the element's own name.
        $Command.ChildNodes | ForEach-Object { $_.get_Name() } | Should -Be 'command:details', 'maml:description', 'command:syntax', 'command:parameters',
        'command:inputTypes', 'command:returnValues', 'maml:alertSet', 'command:examples', 'command:relatedLinks'
    }

    It 'puts the name, verb, noun and synopsis in command:details' {
        (Select-Node 'command:details/command:name').InnerText | Should -Be 'Set-DocsSample'
        (Select-Node 'command:details/command:verb').InnerText | Should -Be 'Set'
        (Select-Node 'command:details/command:noun').InnerText | Should -Be 'DocsSample'
        (Select-Node 'command:details/maml:description/maml:para').InnerText | Should -Be 'Sets a sample, for the converter''s tests.'
    }

    It 'writes a maml:para per paragraph and list item, joining wrapped lines and dropping inline markup' {
        (Select-Node 'maml:description/maml:para').InnerText | Should -Be @(
            'The first paragraph runs over two lines.'
            'The second paragraph has a link (https://example.org/docs) and bold text.'
            '- a list item'
            '- another item')
    }

    It 'writes one syntaxItem per parameter set, with that set''s parameters in Get-Command''s order' {
        (Select-Node 'command:syntax/command:syntaxItem').Count | Should -Be 2
        (Select-Node 'command:syntax/command:syntaxItem[1]/command:parameter/maml:name').InnerText | Should -Be 'Name', 'Mode', 'Pattern', 'Force'
        (Select-Node 'command:syntax/command:syntaxItem[2]/command:parameter/maml:name').InnerText | Should -Be 'InputObject', 'Force', 'Mode', 'Pattern'
    }

    It 'gives a parameter its required, position, pipeline input and aliases attributes' {
        $name = Get-SyntaxParameter 1 'Name'
        $name.required | Should -Be 'true'
        $name.position | Should -Be '0'
        $name.pipelineInput | Should -Be 'True (ByPropertyName, ByValue)'
        $name.aliases | Should -Be 'Id'
        $name.globbing | Should -Be 'false'
        $mode = Get-SyntaxParameter 1 'Mode'
        $mode.required | Should -Be 'false'
        $mode.position | Should -Be 'named'
        $mode.pipelineInput | Should -Be 'False'
        $mode.aliases | Should -Be 'none'
        (Get-SyntaxParameter 1 'Pattern').globbing | Should -Be 'true'
    }

    It 'takes a parameter''s metadata from the yaml block of each set' {
        (Get-SyntaxParameter 1 'Force').required | Should -Be 'false'
        (Get-SyntaxParameter 2 'Force').required | Should -Be 'true'
    }

    It 'lists accepted values in the syntax only' {
        (Get-SyntaxParameter 1 'Mode').SelectNodes('command:parameterValueGroup/command:parameterValue', $Ns).InnerText | Should -Be 'Fast', 'Safe'
        Select-Node 'command:parameters/command:parameter/command:parameterValueGroup' | Should -BeNullOrEmpty
    }

    It 'shows no value for a switch in the syntax, and SwitchParameter with default False in the parameters' {
        (Get-SyntaxParameter 1 'Force').SelectNodes('command:parameterValue', $Ns).Count | Should -Be 0
        $force = @(Select-Node "command:parameters/command:parameter[maml:name='Force']")[0]
        $force.SelectSingleNode('command:parameterValue', $Ns).InnerText | Should -Be 'SwitchParameter'
        $force.SelectSingleNode('dev:defaultValue', $Ns).InnerText | Should -Be 'False'
    }

    It 'lists every parameter once in command:parameters, in the page''s order, with its description and default' {
        (Select-Node 'command:parameters/command:parameter/maml:name').InnerText | Should -Be 'Name', 'InputObject', 'Mode', 'Pattern', 'Force'
        $mode = @(Select-Node "command:parameters/command:parameter[maml:name='Mode']")[0]
        $mode.SelectSingleNode('maml:description/maml:para', $Ns).InnerText | Should -Be 'How to set it.'
        $mode.SelectSingleNode('dev:defaultValue', $Ns).InnerText | Should -Be 'Safe'
        $mode.SelectSingleNode('dev:type/maml:name', $Ns).InnerText | Should -Be 'String'
    }

    It 'writes the input and output types with their descriptions, and the notes' {
        (Select-Node 'command:inputTypes/command:inputType/dev:type/maml:name').InnerText | Should -Be 'System.String[]', 'System.Object'
        (Select-Node 'command:returnValues/command:returnValue/maml:description/maml:para').InnerText | Should -Be 'Nothing.'
        (Select-Node 'maml:alertSet/maml:alert/maml:para').InnerText | Should -Be 'A note.'
    }

    It 'pads example titles with dashes and joins an example''s code blocks' {
        (Select-Node 'command:examples/command:example/maml:title').InnerText[0] | Should -Be "$('-' * 18) Example 1: Set one sample $('-' * 18)"
        (Select-Node 'command:examples/command:example/dev:code').InnerText[1] | Should -Be "`$names = 'a', 'b'`n`n`$names | Set-DocsSample"
        (Select-Node 'command:examples/command:example[1]/dev:remarks/maml:para').InnerText | Should -Be 'one', 'The output block and this prose are the remarks.'
    }

    It 'puts the online version first among the related links and leaves the URI of a relative link empty' {
        (Select-Node 'command:relatedLinks/maml:navigationLink/maml:linkText').InnerText | Should -Be 'Online Version:', 'Get-DocsSample', 'Docs site'
        @((Select-Node 'command:relatedLinks/maml:navigationLink/maml:uri') | ForEach-Object InnerText) |
            Should -Be 'https://example.org/Set-DocsSample', '', 'https://example.org/site'
    }
}

Describe 'About topics' {
    BeforeAll {
        $script:Text = ConvertTo-AboutHelpText (Read-AboutHelp (Join-Path $Data 'valid/about_DocsSample.md'))
        $script:Lines = $Text -split "`n"
    }

    It 'starts with TOPIC and the topic name indented' {
        $Lines[0..1] | Should -Be 'TOPIC', '    about_DocsSample'
    }

    It 'upper-cases section headings at the margin and indents their text by four spaces' {
        $Text | Should -BeLike "*`nSHORT DESCRIPTION`n    A sample about topic.`n*"
        $Text | Should -BeLike "*`nSEE ALSO`n    - Set-DocsSample`n"
    }

    It 'skips PlatyPS''s lookup-name heading' {
        ($Lines | Where-Object { $_ -match 'about_DocsSample' }).Count | Should -Be 1
    }

    It 'wraps paragraphs at 80 columns' {
        $Lines | ForEach-Object Length | Measure-Object -Maximum | ForEach-Object Maximum | Should -BeLessOrEqual 80
        $Text | Should -BeLike "*`n    This paragraph is long enough that it has to be wrapped at eighty columns`n    when it is written*"
    }

    It 'underlines subtopics, keeps list items together and indents code further' {
        $Text | Should -BeLike "*`n  A subtopic`n  ----------`n    - first item`n    - second item`n`n        Get-DocsSample -Name one`n*"
    }

    It 'stops at a topic without SHORT DESCRIPTION, naming the file and line' {
        $path = Join-Path $Data 'broken/about_NoShortDescription.md'
        $line = Get-LineNumber $path '^## LONG DESCRIPTION'
        { Read-AboutHelp $path } | Should -Throw -ExpectedMessage "*about_NoShortDescription.md:${line}: expected '## SHORT DESCRIPTION'*"
    }
}

Describe 'Comparing a page with its command' {
    BeforeAll {
        Import-Module (Join-Path $Data 'DocsSample.psm1') -Force
        $script:Sample = Get-Command Set-DocsSample
        $script:ModuleMetadata = Get-CommandMetadata -Command $Sample
    }
    AfterAll { Remove-Module DocsSample -ErrorAction SilentlyContinue }

    It 'formats syntax lines as PlatyPS does' {
        $ModuleMetadata.Sets['ByName'] | Should -Be 'Set-DocsSample [-Name] <String[]> [-Mode <String>] [-Pattern <String>] [-Force] [<CommonParameters>]'
        $ModuleMetadata.Sets['ByObject'] | Should -Be 'Set-DocsSample [-InputObject] <Object> -Force [-Mode <String>] [-Pattern <String>] [<CommonParameters>]'
    }

    It 'finds no difference between the sample page and the sample command' {
        Compare-CommandMetadata $ModuleMetadata (Get-CommandMetadata -CommandHelp (Read-CommandHelp $SamplePage)) | Should -BeNullOrEmpty
    }

    It 'names the cmdlet, the parameter and the difference when <Case>' -ForEach @(
        @{ Case = 'a position differs'; Edit = @{ "Position: 0`nDefault value: None`nAccept pipeline input: True (ByPropertyName, ByValue)" = "Position: 1`nDefault value: None`nAccept pipeline input: True (ByPropertyName, ByValue)" }
            Expected = "Set-DocsSample -Name: Position in set 'ByName' is '1' in the markdown but '0' in the module" }
        @{ Case = 'a mandatory flag differs'; Edit = @{ "Required: True`nPosition: Named" = "Required: False`nPosition: Named" }
            Expected = "Set-DocsSample -Force: Required in set 'ByObject' is 'False' in the markdown but 'True' in the module" }
        @{ Case = 'pipeline input differs'; Edit = @{ 'Accept pipeline input: True (ByValue)' = 'Accept pipeline input: True (ByPropertyName)' }
            Expected = "Set-DocsSample -InputObject: Accept pipeline input in set 'ByObject' is 'True (ByPropertyName)' in the markdown but 'True (ByValue)' in the module" }
        @{ Case = 'a type differs'; Edit = @{ 'Type: Object' = 'Type: PSObject' }
            Expected = "Set-DocsSample -InputObject: Type is 'PSObject' in the markdown but 'Object' in the module" }
        @{ Case = 'aliases differ'; Edit = @{ 'Aliases: Id' = 'Aliases: Id, Key' }
            Expected = "Set-DocsSample -Name: Aliases is 'Id, Key' in the markdown but 'Id' in the module" }
        @{ Case = 'accepted values differ'; Edit = @{ 'Accepted values: Fast, Safe' = 'Accepted values: Fast' }
            Expected = "Set-DocsSample -Mode: Accepted values is 'Fast' in the markdown but 'Fast, Safe' in the module" }
        @{ Case = 'parameter sets differ'; Edit = @{ "Type: Object`nParameter Sets: ByObject" = "Type: Object`nParameter Sets: (All)" }
            Expected = "Set-DocsSample -InputObject: Parameter Sets are 'ByName, ByObject' in the markdown but 'ByObject' in the module" }
        @{ Case = 'a parameter is documented under another name'; Edit = @{ '### -Pattern' = '### -Filter' }
            Expected = 'Set-DocsSample -Pattern: the module has it but ## PARAMETERS does not document it',
            'Set-DocsSample -Filter: documented in ## PARAMETERS but the module has no such parameter' }
        @{ Case = 'the syntax differs'; Edit = @{ '[-Name] <String[]> [-Mode' = '[-Name] <String> [-Mode' }
            Expected = "Set-DocsSample: the syntax of set 'ByName' is 'Set-DocsSample [-Name] <String> [-Mode <String>] [-Pattern <String>] [-Force] [<CommonParameters>]' in the markdown but 'Set-DocsSample [-Name] <String[]> [-Mode <String>] [-Pattern <String>] [-Force] [<CommonParameters>]' in the module" }
        @{ Case = 'the default set differs'; Edit = @{ "### ByName (Default)`n" = "### ByName`n"; "### ByObject`n" = "### ByObject (Default)`n" }
            Expected = "Set-DocsSample: the default parameter set is 'ByObject' in the markdown but 'ByName' in the module" }
    ) {
        $text = [System.IO.File]::ReadAllText($SamplePage)
        foreach ($from in $Edit.Keys) {
            $text.Contains($from) | Should -BeTrue -Because 'the case edits text that is in the sample page'
            $text = $text.Replace($from, $Edit[$from])
        }
        $page = Join-Path $TestDrive 'Set-DocsSample.md'
        [System.IO.File]::WriteAllText($page, $text)
        Compare-CommandMetadata $ModuleMetadata (Get-CommandMetadata -CommandHelp (Read-CommandHelp $page)) | Should -Be $Expected
    }
}

Describe 'Update-CommandHelp' {
    BeforeAll {
        Import-Module (Join-Path $Data 'DocsSample.psm1') -Force
        $script:Sample = Get-Command Set-DocsSample

        function New-Page([string] $From, [string] $To) {
            # A copy of the sample page with one edit, to update.
            $text = [System.IO.File]::ReadAllText($SamplePage)
            if ($From) {
                $text.Contains($From) | Should -BeTrue -Because 'the edit must apply to the sample page'
                $text = $text.Replace($From, $To)
            }
            $page = Join-Path $TestDrive 'Set-DocsSample.md'
            [System.IO.File]::WriteAllText($page, $text)
            $page
        }
    }
    AfterAll { Remove-Module DocsSample -ErrorAction SilentlyContinue }

    It 'leaves a page that matches the command as it is' {
        $page = New-Page
        Update-CommandHelp -Path $page -Command $Sample | Should -BeFalse
        [System.IO.File]::ReadAllText($page) | Should -BeExactly ([System.IO.File]::ReadAllText($SamplePage))
    }

    It 'rewrites a stale SYNTAX section from the command' {
        $page = New-Page '[-InputObject] <Object> -Force' '[-InputObject] <PSObject> [-Force]'
        Update-CommandHelp -Path $page -Command $Sample | Should -BeTrue
        [System.IO.File]::ReadAllText($page) | Should -BeExactly ([System.IO.File]::ReadAllText($SamplePage))
    }

    It 'rewrites a parameter''s yaml block and keeps its description and default value' {
        $page = New-Page "Required: False`nPosition: Named`nDefault value: Safe" "Required: True`nPosition: 3`nDefault value: Safe"
        Update-CommandHelp -Path $page -Command $Sample | Should -BeTrue
        [System.IO.File]::ReadAllText($page) | Should -BeExactly ([System.IO.File]::ReadAllText($SamplePage))
    }

    It 'rewrites each yaml block of a parameter whose metadata differs between parameter sets' {
        $page = New-Page "Parameter Sets: ByObject`nAliases:`n`nRequired: True`nPosition: Named" "Parameter Sets: ByObject`nAliases:`n`nRequired: False`nPosition: Named"
        Update-CommandHelp -Path $page -Command $Sample | Should -BeTrue
        [System.IO.File]::ReadAllText($page) | Should -BeExactly ([System.IO.File]::ReadAllText($SamplePage))
    }

    It 'adds a placeholder section for a parameter the page lacks, before CommonParameters' {
        $text = [System.IO.File]::ReadAllText($SamplePage)
        $start = $text.IndexOf('### -Pattern')
        $page = New-Page $text.Substring($start, $text.IndexOf('### -Force') - $start) ''
        Update-CommandHelp -Path $page -Command $Sample | Should -BeTrue
        $help = Read-CommandHelp $page
        $help.Parameters.Name | Should -Be 'Name', 'InputObject', 'Mode', 'Force', 'Pattern'
        ($help.Parameters | Where-Object Name -EQ 'Pattern').Description | Should -Be '{{ Fill Pattern Description }}'
        Compare-CommandMetadata (Get-CommandMetadata -Command $Sample) (Get-CommandMetadata -CommandHelp $help) | Should -BeNullOrEmpty
    }

    It 'removes the section of a parameter the command no longer has' {
        $page = New-Page '### CommonParameters' "### -Obsolete`n`nGone.`n`n``````yaml`nType: String`nParameter Sets: (All)`nAliases:`n`nRequired: False`nPosition: Named`nDefault value: None`nAccept pipeline input: False`nAccept wildcard characters: False`n```````n`n### CommonParameters"
        Update-CommandHelp -Path $page -Command $Sample | Should -BeTrue
        [System.IO.File]::ReadAllText($page) | Should -BeExactly ([System.IO.File]::ReadAllText($SamplePage))
    }

    It 'never changes prose: synopsis, description, examples, parameter descriptions, inputs, outputs, notes, links' {
        $page = New-Page 'Position: 0' 'Position: 5'
        $before = Read-CommandHelp $page
        $null = Update-CommandHelp -Path $page -Command $Sample
        $after = Read-CommandHelp $page
        foreach ($property in 'Synopsis', 'Description', 'Notes') { $after.$property | Should -BeExactly $before.$property }
        ($after.Examples | ConvertTo-Json -Depth 5) | Should -BeExactly ($before.Examples | ConvertTo-Json -Depth 5)
        $after.Parameters.Description | Should -Be $before.Parameters.Description
        ($after.Inputs + $after.Outputs + $after.Links | ConvertTo-Json) | Should -BeExactly ($before.Inputs + $before.Outputs + $before.Links | ConvertTo-Json)
    }

    It 'writes a new page with placeholders for a command that has none' {
        $page = Join-Path $TestDrive 'Set-DocsSample.md'
        Remove-Item $page -ErrorAction SilentlyContinue
        New-CommandHelp -Path $page -Command $Sample
        $help = Read-CommandHelp $page
        $help.Synopsis | Should -Be '{{ Fill in the Synopsis }}'
        $help.Inputs.TypeName | Should -Be 'System.String[]', 'System.Object'
        Compare-CommandMetadata (Get-CommandMetadata -Command $Sample) (Get-CommandMetadata -CommandHelp $help) | Should -BeNullOrEmpty
    }
}

Describe 'ConvertTo-MamlHelp.ps1' {
    It 'writes the MAML file named by the pages and an about topic for each about_*.md' {
        $out = Join-Path $TestDrive 'en-US'
        & $Pwsh -NoProfile -NonInteractive -File (Join-Path $PSScriptRoot '../../tools/ConvertTo-MamlHelp.ps1') -DocsPath (Join-Path $Data 'valid') -OutputPath $out | Out-Null
        $LASTEXITCODE | Should -Be 0
        (Get-ChildItem $out).Name | Sort-Object | Should -Be 'about_DocsSample.help.txt', 'DocsSample-help.xml'
    }

    It 'fails with the file and line of a page that breaks the schema' {
        $docs = New-Item -ItemType Directory (Join-Path $TestDrive 'broken-docs')
        Copy-Item (Join-Path $Data 'broken/Test-BadYamlValue.md') $docs
        $line = Get-LineNumber (Join-Path $docs 'Test-BadYamlValue.md') '^Required: Maybe'
        $errors = & $Pwsh -NoProfile -NonInteractive -File (Join-Path $PSScriptRoot '../../tools/ConvertTo-MamlHelp.ps1') -DocsPath $docs -OutputPath (Join-Path $TestDrive 'out') 2>&1
        $LASTEXITCODE | Should -Be 1
        "$errors" | Should -BeLike "*Test-BadYamlValue.md:${line}: 'Required: Maybe'*"
    }
}
