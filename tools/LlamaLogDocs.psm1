#requires -Version 7.2
<#
    LlamaLog's help toolchain, in place of PlatyPS (which cannot be installed here).

    Reads cmdlet pages written in PlatyPS's markdown schema 2.0.0 and about topics, writes the MAML
    help file and the about_*.help.txt that Get-Help loads, and keeps the markdown's SYNTAX and
    parameter metadata in step with the built module. ConvertTo-MamlHelp.ps1 is the command-line
    entry point; the tests import this module to check each step.

    The parser follows the structure, it does not guess: anything outside the schema stops it with
    'file:line: problem'.
#>

Set-StrictMode -Version Latest

$script:Namespace = @{
    msh     = 'http://msh'
    maml    = 'http://schemas.microsoft.com/maml/2004/10'
    command = 'http://schemas.microsoft.com/maml/dev/command/2004/10'
    dev     = 'http://schemas.microsoft.com/maml/dev/2004/10'
    MSHelp  = 'http://msdn.microsoft.com/mshelp'
}

# The level-2 sections of a cmdlet page, in the order PlatyPS writes them. NOTES may be left out.
$script:SectionNames = @('SYNOPSIS', 'SYNTAX', 'DESCRIPTION', 'EXAMPLES', 'PARAMETERS', 'INPUTS', 'OUTPUTS', 'NOTES', 'RELATED LINKS')
$script:OptionalSections = @('NOTES')

$script:FrontMatterKeys = @('external help file', 'Module Name', 'online version', 'schema')

$script:YamlKeys = @('Type', 'Parameter Sets', 'Aliases', 'Accepted values', 'Required', 'Position', 'Default value',
    'Accept pipeline input', 'Accept wildcard characters')
$script:OptionalYamlKeys = @('Accepted values')

$script:AllSets = '(All)'
$script:DefaultSetName = '__AllParameterSets'
$script:DefaultMarker = ' (Default)'
$script:Placeholder = '{{ Fill'

$script:CommonParametersText = 'This cmdlet supports the common parameters: -Debug, -ErrorAction, -ErrorVariable, ' +
    '-InformationAction, -InformationVariable, -OutBuffer, -OutVariable, -PipelineVariable, -ProgressAction, -Verbose, ' +
    '-WarningAction, and -WarningVariable. For more information, see ' +
    '[about_CommonParameters](http://go.microsoft.com/fwlink/?LinkID=113216).'

#region Markdown reading

function New-SchemaException {
    # Every schema error names the file and the line, so the author can go straight there.
    param([string] $Path, [int] $Line, [string] $Message)
    [System.IO.InvalidDataException]::new("${Path}:${Line}: $Message")
}

function Get-MarkdownBlock {
    <#
        Splits markdown lines into headings, fenced code blocks, text lines and blank lines, each with its
        1-based line number in the file. A '#' inside a fence is code, not a heading.
    #>
    param([AllowEmptyCollection()] [string[]] $Line, [int] $FirstLine, [string] $Path)

    $blocks = [System.Collections.Generic.List[object]]::new()
    $i = 0
    while ($i -lt $Line.Count) {
        $text = $Line[$i]
        $number = $FirstLine + $i
        if ($text -match '^(`{3,})\s*([^`\s]*)\s*$') {
            $fence = $Matches[1]
            $info = $Matches[2]
            $body = [System.Collections.Generic.List[string]]::new()
            $j = $i + 1
            while ($j -lt $Line.Count -and $Line[$j] -notmatch "^$fence\s*$") {
                $body.Add($Line[$j])
                $j++
            }
            if ($j -ge $Line.Count) {
                throw (New-SchemaException $Path $number 'this code block is never closed')
            }
            $blocks.Add([pscustomobject]@{ Kind = 'Fence'; Info = $info; Lines = $body.ToArray(); Line = $number; EndLine = $FirstLine + $j })
            $i = $j + 1
            continue
        }

        if ($text -match '^(#{1,6})\s+(.+?)\s*$') {
            $blocks.Add([pscustomobject]@{ Kind = 'Heading'; Level = $Matches[1].Length; Text = $Matches[2]; Line = $number })
        }
        elseif ($text.Trim().Length -eq 0) {
            $blocks.Add([pscustomobject]@{ Kind = 'Blank'; Line = $number })
        }
        else {
            $blocks.Add([pscustomobject]@{ Kind = 'Text'; Text = $text; Line = $number })
        }
        $i++
    }
    $blocks.ToArray()
}

function Read-FrontMatter {
    # The YAML header between two '---' lines: one 'key: value' per line. Returns the keys and the first body line.
    param([string[]] $Line, [string] $Path, [switch] $Optional)

    if ($Line.Count -eq 0 -or $Line[0] -ne '---') {
        if ($Optional) { return [pscustomobject]@{ Metadata = [ordered]@{}; KeyLine = @{}; BodyIndex = 0 } }
        throw (New-SchemaException $Path 1 "the file must start with a '---' metadata header")
    }

    $metadata = [ordered]@{}
    $keyLine = @{}
    for ($i = 1; $i -lt $Line.Count; $i++) {
        if ($Line[$i] -eq '---') {
            return [pscustomobject]@{ Metadata = $metadata; KeyLine = $keyLine; BodyIndex = $i + 1 }
        }
        if ($Line[$i].Trim().Length -eq 0) { continue }
        if ($Line[$i] -notmatch '^([^:]+):(.*)$') {
            throw (New-SchemaException $Path ($i + 1) "expected 'key: value' in the metadata header, found '$($Line[$i])'")
        }
        $metadata[$Matches[1].Trim()] = $Matches[2].Trim()
        $keyLine[$Matches[1].Trim()] = $i + 1
    }
    throw (New-SchemaException $Path 1 "the metadata header is never closed with '---'")
}

function Get-SectionEndLine {
    # The last line that belongs to the block at $Index: the line before the next heading of $Level or higher.
    param([object[]] $Block, [int] $Index, [int] $Level, [int] $LastLine)

    for ($k = $Index + 1; $k -lt $Block.Count; $k++) {
        if ($Block[$k].Kind -eq 'Heading' -and $Block[$k].Level -le $Level) { return $Block[$k].Line - 1 }
    }
    $LastLine
}

function Split-Section {
    # Groups the blocks under each heading of $Level; blocks before the first such heading go to Leading.
    param([object[]] $Block, [int] $Level, [int] $LastLine)

    $leading = [System.Collections.Generic.List[object]]::new()
    $sections = [System.Collections.Generic.List[object]]::new()
    $current = $null
    for ($k = 0; $k -lt $Block.Count; $k++) {
        $b = $Block[$k]
        if ($b.Kind -eq 'Heading' -and $b.Level -eq $Level) {
            $current = [pscustomobject]@{
                Title   = $b.Text
                Line    = $b.Line
                EndLine = Get-SectionEndLine $Block $k $Level $LastLine
                Blocks  = [System.Collections.Generic.List[object]]::new()
            }
            $sections.Add($current)
        }
        elseif ($null -eq $current) { $leading.Add($b) }
        else { $current.Blocks.Add($b) }
    }
    [pscustomobject]@{ Leading = $leading.ToArray(); Sections = $sections.ToArray() }
}

function Assert-NoContent {
    # Only blank lines may stand where the schema expects nothing (before a section's first ### entry).
    param([object[]] $Block, [string] $Path, [string] $Where)

    foreach ($b in $Block) {
        if ($b.Kind -ne 'Blank') {
            throw (New-SchemaException $Path $b.Line "unexpected content $Where")
        }
    }
}

function Assert-NoHeading {
    # Prose sections have no sub-headings in the schema.
    param([object[]] $Block, [string] $Path, [string] $Section)

    foreach ($b in $Block) {
        if ($b.Kind -eq 'Heading') {
            throw (New-SchemaException $Path $b.Line "unknown heading '$('#' * $b.Level) $($b.Text)' in ## $Section")
        }
    }
}

function ConvertTo-MarkdownText {
    # Back to the markdown text the blocks came from, without leading and trailing blank lines.
    param([AllowEmptyCollection()] [object[]] $Block)

    $lines = [System.Collections.Generic.List[string]]::new()
    foreach ($b in $Block) {
        switch ($b.Kind) {
            'Text' { $lines.Add($b.Text) }
            'Blank' { $lines.Add('') }
            'Fence' {
                $lines.Add('```' + $b.Info)
                $lines.AddRange([string[]] $b.Lines)
                $lines.Add('```')
            }
            'Heading' { $lines.Add(('#' * $b.Level) + ' ' + $b.Text) }
        }
    }
    ($lines -join "`n").Trim("`n")
}

function ConvertFrom-YamlBlock {
    # One parameter metadata block: the nine PlatyPS keys, each value checked.
    param([object] $Fence, [string] $Path, [string] $Parameter)

    $values = @{}
    $keyLine = @{}
    for ($k = 0; $k -lt $Fence.Lines.Count; $k++) {
        $text = $Fence.Lines[$k]
        $number = $Fence.Line + 1 + $k
        if ($text.Trim().Length -eq 0) { continue }
        if ($text -notmatch '^([^:]+):(.*)$') {
            throw (New-SchemaException $Path $number "expected 'key: value' in the yaml block of -$Parameter, found '$text'")
        }
        $key = $Matches[1].Trim()
        $value = $Matches[2].Trim()
        if ($key -cnotin $script:YamlKeys) {
            throw (New-SchemaException $Path $number "unknown key '$key' in the yaml block of -$Parameter; expected $($script:YamlKeys -join ', ')")
        }
        if ($values.ContainsKey($key)) {
            throw (New-SchemaException $Path $number "'$key' appears twice in the yaml block of -$Parameter")
        }
        $values[$key] = $value
        $keyLine[$key] = $number
    }

    foreach ($key in $script:YamlKeys) {
        if (-not $values.ContainsKey($key) -and $key -notin $script:OptionalYamlKeys) {
            throw (New-SchemaException $Path $Fence.Line "the yaml block of -$Parameter has no '${key}:'")
        }
    }

    $fail = { param($key, $expected) throw (New-SchemaException $Path $keyLine[$key] "'${key}: $($values[$key])' of -$Parameter is not valid; expected $expected") }

    if ($values['Type'].Length -eq 0) { & $fail 'Type' 'a type name' }
    foreach ($key in 'Required', 'Accept wildcard characters') {
        if ($values[$key] -notin 'True', 'False') { & $fail $key 'True or False' }
    }
    if ($values['Position'] -notmatch '^(Named|\d+)$') { & $fail 'Position' 'Named or a number' }
    $pipeline = $values['Accept pipeline input']
    if ($pipeline -notmatch '^(False|True \((ByValue|ByPropertyName)(, (ByValue|ByPropertyName))?\))$') {
        & $fail 'Accept pipeline input' "False, 'True (ByValue)', 'True (ByPropertyName)' or 'True (ByPropertyName, ByValue)'"
    }
    $sets = @(Split-List $values['Parameter Sets'])
    if ($sets.Count -eq 0) { & $fail 'Parameter Sets' "'(All)' or set names separated by ', '" }

    [pscustomobject]@{
        Line           = $Fence.Line
        EndLine        = $Fence.EndLine
        Type           = $values['Type']
        ParameterSets  = $sets
        SetsLine       = $keyLine['Parameter Sets']
        Aliases        = @(Split-List $values['Aliases'])
        AcceptedValues = @(if ($values.ContainsKey('Accepted values')) { Split-List $values['Accepted values'] })
        Required       = $values['Required'] -eq 'True'
        Position       = $values['Position']
        DefaultValue   = $values['Default value']
        ByValue        = $pipeline -match '\bByValue\b'
        ByPropertyName = $pipeline -match '\bByPropertyName\b'
        Globbing       = $values['Accept wildcard characters'] -eq 'True'
    }
}

function Split-List {
    # 'a, b' -> 'a', 'b'; an empty value is an empty list.
    param([AllowEmptyString()] [string] $Text)
    $Text -split ',' | ForEach-Object Trim | Where-Object Length -GT 0
}

function Read-SyntaxSection {
    param([object] $Section, [string] $Path)

    $parts = Split-Section $Section.Blocks 3 $Section.EndLine
    $syntax = [System.Collections.Generic.List[object]]::new()
    if ($parts.Sections.Count -eq 0) {
        # One parameter set: a single code block and no set heading.
        $fences = @($parts.Leading | Where-Object Kind -EQ 'Fence')
        foreach ($b in $parts.Leading) {
            if ($b.Kind -eq 'Text') { throw (New-SchemaException $Path $b.Line 'unexpected text in ## SYNTAX; only code blocks of syntax go there') }
            if ($b.Kind -eq 'Heading') { throw (New-SchemaException $Path $b.Line "unknown heading '$('#' * $b.Level) $($b.Text)' in ## SYNTAX") }
        }
        if ($fences.Count -ne 1) {
            throw (New-SchemaException $Path $Section.Line "## SYNTAX needs one code block, or a '### <ParameterSetName>' heading before each code block")
        }
        $syntax.Add([pscustomobject]@{ Name = $script:DefaultSetName; IsDefault = $true; Text = Join-SyntaxLine $fences[0].Lines; Line = $fences[0].Line })
        return $syntax.ToArray()
    }

    Assert-NoContent $parts.Leading $Path 'in ## SYNTAX before the first ### parameter set'
    foreach ($set in $parts.Sections) {
        Assert-NoHeading $set.Blocks $Path 'SYNTAX'
        $fences = @($set.Blocks | Where-Object Kind -EQ 'Fence')
        $text = @($set.Blocks | Where-Object Kind -EQ 'Text')
        if ($text.Count -gt 0) { throw (New-SchemaException $Path $text[0].Line "unexpected text under ### $($set.Title); only its syntax code block goes there") }
        if ($fences.Count -ne 1) { throw (New-SchemaException $Path $set.Line "### $($set.Title) needs exactly one syntax code block") }
        $isDefault = $set.Title.EndsWith($script:DefaultMarker)
        $name = if ($isDefault) { $set.Title.Substring(0, $set.Title.Length - $script:DefaultMarker.Length) } else { $set.Title }
        $syntax.Add([pscustomobject]@{ Name = $name; IsDefault = $isDefault; Text = Join-SyntaxLine $fences[0].Lines; Line = $fences[0].Line })
    }
    if (@($syntax | Where-Object IsDefault).Count -gt 1) {
        throw (New-SchemaException $Path $Section.Line 'more than one parameter set is marked (Default)')
    }
    if ($syntax.Count -gt 1 -and @($syntax | Where-Object IsDefault).Count -eq 0) {
        throw (New-SchemaException $Path $Section.Line "one of the parameter sets must be marked ' (Default)'")
    }
    $syntax.ToArray()
}

function Join-SyntaxLine {
    # A long syntax may be wrapped in the code block; it is one line of syntax.
    param([AllowEmptyCollection()] [string[]] $Line)
    (($Line | ForEach-Object Trim | Where-Object Length -GT 0) -join ' ')
}

function Read-ExampleSection {
    param([object] $Section, [string] $Path)

    $parts = Split-Section $Section.Blocks 3 $Section.EndLine
    Assert-NoContent $parts.Leading $Path 'in ## EXAMPLES before the first ### example'
    foreach ($example in $parts.Sections) {
        Assert-NoHeading $example.Blocks $Path 'EXAMPLES'
        $content = @($example.Blocks | Where-Object Kind -NE 'Blank')
        if ($content.Count -eq 0 -or $content[0].Kind -ne 'Fence' -or $content[0].Info -ne 'powershell') {
            $line = if ($content.Count -gt 0) { $content[0].Line } else { $example.Line }
            throw (New-SchemaException $Path $line "### $($example.Title) must start with a ``````powershell code block")
        }
        # Every powershell block is code that runs; other blocks (output) and prose are the remarks.
        $code = @($example.Blocks | Where-Object { $_.Kind -eq 'Fence' -and $_.Info -eq 'powershell' })
        $remarks = @($example.Blocks | Where-Object { -not ($_.Kind -eq 'Fence' -and $_.Info -eq 'powershell') })
        [pscustomobject]@{
            Title   = $example.Title
            Line    = $example.Line
            Code    = @($code | ForEach-Object { $_.Lines -join "`n" })
            Remarks = ConvertTo-MarkdownText $remarks
        }
    }
}

function Read-ParameterSection {
    param([object] $Section, [string] $Path)

    $parts = Split-Section $Section.Blocks 3 $Section.EndLine
    Assert-NoContent $parts.Leading $Path 'in ## PARAMETERS before the first ### -Parameter'
    $parameters = [System.Collections.Generic.List[object]]::new()
    $common = $null
    foreach ($entry in $parts.Sections) {
        Assert-NoHeading $entry.Blocks $Path 'PARAMETERS'
        if ($entry.Title -ceq 'CommonParameters') {
            $common = $entry
            continue
        }
        if ($entry.Title -notmatch '^-(\w+)$') {
            throw (New-SchemaException $Path $entry.Line "unknown heading '### $($entry.Title)' in ## PARAMETERS; expected '### -Name' or '### CommonParameters'")
        }
        $name = $Matches[1]
        if ($parameters | Where-Object Name -EQ $name) {
            throw (New-SchemaException $Path $entry.Line "-$name is documented twice")
        }

        $firstYaml = -1
        for ($k = 0; $k -lt $entry.Blocks.Count; $k++) {
            if ($entry.Blocks[$k].Kind -eq 'Fence' -and $entry.Blocks[$k].Info -eq 'yaml') { $firstYaml = $k; break }
        }
        if ($firstYaml -lt 0) {
            throw (New-SchemaException $Path $entry.Line "-$name has no ``````yaml metadata block")
        }
        $metadata = foreach ($b in $entry.Blocks[$firstYaml..($entry.Blocks.Count - 1)]) {
            if ($b.Kind -eq 'Blank') { continue }
            if ($b.Kind -ne 'Fence' -or $b.Info -ne 'yaml') {
                throw (New-SchemaException $Path $b.Line "unexpected content after the yaml block of -$name; its description goes before the block")
            }
            ConvertFrom-YamlBlock $b $Path $name
        }
        $parameters.Add([pscustomobject]@{
                Name        = $name
                Line        = $entry.Line
                EndLine     = $entry.EndLine
                Description = ConvertTo-MarkdownText @($entry.Blocks | Select-Object -First $firstYaml)
                Metadata    = @($metadata)
            })
    }
    [pscustomobject]@{ Parameters = $parameters.ToArray(); CommonParameters = $common }
}

function Read-TypeSection {
    # INPUTS and OUTPUTS: a '### TypeName' for each type, with prose under it.
    param([object] $Section, [string] $Path)

    $parts = Split-Section $Section.Blocks 3 $Section.EndLine
    Assert-NoContent $parts.Leading $Path "in ## $($Section.Title) before the first ### type"
    foreach ($entry in $parts.Sections) {
        Assert-NoHeading $entry.Blocks $Path $Section.Title
        [pscustomobject]@{ TypeName = $entry.Title; Description = ConvertTo-MarkdownText $entry.Blocks; Line = $entry.Line }
    }
}

function Read-LinkSection {
    param([object] $Section, [string] $Path)

    foreach ($b in $Section.Blocks) {
        if ($b.Kind -eq 'Blank') { continue }
        if ($b.Kind -ne 'Text' -or $b.Text.Trim() -notmatch '^\[([^\]]+)\]\(([^)]*)\)$') {
            throw (New-SchemaException $Path $b.Line "## RELATED LINKS holds one markdown link per line: [text](uri)")
        }
        [pscustomobject]@{ Text = $Matches[1]; Uri = $Matches[2] }
    }
}

function Read-CommandHelp {
    <#
    .SYNOPSIS
        Reads one cmdlet page in PlatyPS's markdown schema 2.0.0 into an object.
    .DESCRIPTION
        Throws 'file:line: problem' when the page leaves the schema: a missing or unknown section, a
        broken yaml block, text where the schema has none.
    #>
    [CmdletBinding()]
    param([Parameter(Mandatory, ValueFromPipeline, ValueFromPipelineByPropertyName)] [Alias('FullName')] [string] $Path)

    process {
        $Path = (Resolve-Path -LiteralPath $Path -ErrorAction Stop).ProviderPath
        $lines = [System.IO.File]::ReadAllLines($Path)
        $header = Read-FrontMatter $lines $Path
        foreach ($key in $script:FrontMatterKeys) {
            if (-not $header.Metadata.Contains($key)) {
                throw (New-SchemaException $Path 1 "the metadata header has no '${key}:'")
            }
        }
        if (-not $header.Metadata['external help file']) {
            throw (New-SchemaException $Path $header.KeyLine['external help file'] "'external help file:' names the MAML file and cannot be empty")
        }
        if ($header.Metadata['schema'] -ne '2.0.0') {
            throw (New-SchemaException $Path $header.KeyLine['schema'] "schema '$($header.Metadata['schema'])' is not supported; expected 'schema: 2.0.0'")
        }

        $body = if ($header.BodyIndex -lt $lines.Count) { $lines[$header.BodyIndex..($lines.Count - 1)] } else { @() }
        $blocks = @(Get-MarkdownBlock $body ($header.BodyIndex + 1) $Path)
        $content = @($blocks | Where-Object Kind -NE 'Blank')
        if ($content.Count -eq 0 -or $content[0].Kind -ne 'Heading' -or $content[0].Level -ne 1) {
            $line = if ($content.Count -gt 0) { $content[0].Line } else { $lines.Count }
            throw (New-SchemaException $Path $line "expected '# <Cmdlet-Name>' after the metadata header")
        }
        $title = $content[0]
        $expectedName = [System.IO.Path]::GetFileNameWithoutExtension($Path)
        if ($title.Text -cne $expectedName) {
            throw (New-SchemaException $Path $title.Line "the title '# $($title.Text)' does not match the file name '$expectedName.md'")
        }

        $afterTitle = @($blocks | Where-Object Line -GT $title.Line)
        foreach ($b in $afterTitle) {
            if ($b.Kind -eq 'Heading' -and $b.Level -eq 1) {
                throw (New-SchemaException $Path $b.Line "a page has one '# ' title; found '# $($b.Text)'")
            }
        }
        $parts = Split-Section $afterTitle 2 $lines.Count
        Assert-NoContent $parts.Leading $Path 'between the title and ## SYNOPSIS'
        foreach ($b in $parts.Leading) {
            if ($b.Kind -eq 'Heading') { throw (New-SchemaException $Path $b.Line "unknown heading '$('#' * $b.Level) $($b.Text)' before ## SYNOPSIS") }
        }

        $sections = @{}
        foreach ($section in $parts.Sections) {
            if ($section.Title -cnotin $script:SectionNames) {
                throw (New-SchemaException $Path $section.Line "unknown heading '## $($section.Title)'; expected one of $($script:SectionNames -join ', ')")
            }
            if ($sections.ContainsKey($section.Title)) {
                throw (New-SchemaException $Path $section.Line "'## $($section.Title)' appears twice")
            }
            $sections[$section.Title] = $section
        }
        foreach ($name in $script:SectionNames) {
            if (-not $sections.ContainsKey($name) -and $name -notin $script:OptionalSections) {
                throw (New-SchemaException $Path $title.Line "missing section '## $name'")
            }
        }
        foreach ($name in 'SYNOPSIS', 'DESCRIPTION', 'NOTES', 'RELATED LINKS') {
            if ($sections.ContainsKey($name)) { Assert-NoHeading $sections[$name].Blocks $Path $name }
        }

        $parameterPart = Read-ParameterSection $sections['PARAMETERS'] $Path
        $syntax = @(Read-SyntaxSection $sections['SYNTAX'] $Path)
        foreach ($parameter in $parameterPart.Parameters) {
            foreach ($block in $parameter.Metadata) {
                foreach ($set in $block.ParameterSets) {
                    if ($set -ne $script:AllSets -and $set -cnotin $syntax.Name) {
                        throw (New-SchemaException $Path $block.SetsLine "-$($parameter.Name) names parameter set '$set', which ## SYNTAX does not have")
                    }
                }
            }
        }
        [pscustomobject]@{
            PSTypeName       = 'LlamaLogDocs.CommandHelp'
            Path             = $Path
            Name             = $title.Text
            Metadata         = $header.Metadata
            Synopsis         = ConvertTo-MarkdownText $sections['SYNOPSIS'].Blocks
            Syntax           = $syntax
            Description      = ConvertTo-MarkdownText $sections['DESCRIPTION'].Blocks
            Examples         = @(Read-ExampleSection $sections['EXAMPLES'] $Path)
            Parameters       = @($parameterPart.Parameters)
            CommonParameters = $null -ne $parameterPart.CommonParameters
            Inputs           = @(Read-TypeSection $sections['INPUTS'] $Path)
            Outputs          = @(Read-TypeSection $sections['OUTPUTS'] $Path)
            Notes            = if ($sections.ContainsKey('NOTES')) { ConvertTo-MarkdownText $sections['NOTES'].Blocks } else { '' }
            Links            = @(Read-LinkSection $sections['RELATED LINKS'] $Path)
            # Where things are, for Update-CommandHelp.
            SyntaxSection    = $sections['SYNTAX']
            ParameterSection = $sections['PARAMETERS']
            CommonParametersSection = $parameterPart.CommonParameters
        }
    }
}

function Read-AboutHelp {
    <#
    .SYNOPSIS
        Reads an about topic: '# about_Name', optionally '## about_Name' (PlatyPS's lookup-name line), then
        '## SHORT DESCRIPTION', '## LONG DESCRIPTION' and further sections, with '###' subtopics.
    .DESCRIPTION
        The sections may also be level-1 headings, as in PlatyPS's template; their subtopics are then
        level 2. A metadata header is allowed and ignored.
    #>
    [CmdletBinding()]
    param([Parameter(Mandatory, ValueFromPipeline, ValueFromPipelineByPropertyName)] [Alias('FullName')] [string] $Path)

    process {
        $Path = (Resolve-Path -LiteralPath $Path -ErrorAction Stop).ProviderPath
        $lines = [System.IO.File]::ReadAllLines($Path)
        $header = Read-FrontMatter $lines $Path -Optional
        $body = if ($header.BodyIndex -lt $lines.Count) { $lines[$header.BodyIndex..($lines.Count - 1)] } else { @() }
        $blocks = @(Get-MarkdownBlock $body ($header.BodyIndex + 1) $Path)
        $content = @($blocks | Where-Object Kind -NE 'Blank')

        $name = [System.IO.Path]::GetFileNameWithoutExtension($Path)
        if ($content.Count -eq 0 -or $content[0].Kind -ne 'Heading' -or $content[0].Level -ne 1 -or $content[0].Text -cne $name) {
            $line = if ($content.Count -gt 0) { $content[0].Line } else { 1 }
            throw (New-SchemaException $Path $line "an about topic starts with '# $name', the file's name")
        }
        $next = 1
        if ($content.Count -gt 1 -and $content[1].Kind -eq 'Heading' -and $content[1].Level -eq 2 -and $content[1].Text -ceq $name) {
            $next = 2
        }
        if ($content.Count -le $next -or $content[$next].Kind -ne 'Heading' -or $content[$next].Text -ne 'SHORT DESCRIPTION') {
            $line = if ($content.Count -gt $next) { $content[$next].Line } else { $content[0].Line }
            throw (New-SchemaException $Path $line "expected '## SHORT DESCRIPTION' after the topic name")
        }

        $level = $content[$next].Level
        $sections = [System.Collections.Generic.List[object]]::new()
        $current = $null
        foreach ($b in @($blocks | Where-Object Line -GE $content[$next].Line)) {
            if ($b.Kind -eq 'Heading') {
                if ($b.Level -eq $level -or $b.Level -eq $level + 1) {
                    $current = [pscustomobject]@{ Title = $b.Text; IsSubtopic = $b.Level -ne $level; Line = $b.Line; Blocks = [System.Collections.Generic.List[object]]::new() }
                    $sections.Add($current)
                    continue
                }
                throw (New-SchemaException $Path $b.Line "unexpected heading level '$('#' * $b.Level) $($b.Text)': sections are level $level, subtopics level $($level + 1)")
            }
            $current.Blocks.Add($b)
        }
        if (-not ($sections | Where-Object { -not $_.IsSubtopic -and $_.Title -eq 'LONG DESCRIPTION' })) {
            throw (New-SchemaException $Path $content[$next].Line "missing section '$('#' * $level) LONG DESCRIPTION'")
        }

        [pscustomobject]@{
            PSTypeName = 'LlamaLogDocs.AboutHelp'
            Path       = $Path
            Name       = $name
            Sections   = @($sections | ForEach-Object {
                    [pscustomobject]@{ Title = $_.Title; IsSubtopic = $_.IsSubtopic; Line = $_.Line; Body = ConvertTo-MarkdownText $_.Blocks.ToArray() }
                })
        }
    }
}

#endregion

#region Prose

function ConvertTo-PlainText {
    # Inline markdown as it should read in a console: links lose their brackets, bold its stars, escapes their backslash.
    param([AllowEmptyString()] [string] $Text)

    $Text = [regex]::Replace($Text, '\[([^\]]+)\]\(([^)]*)\)', {
            param($m)
            $uri = $m.Groups[2].Value
            if ($uri -match '^[a-z]+://') { "$($m.Groups[1].Value) ($uri)" } else { $m.Groups[1].Value }
        })
    $Text = $Text -replace '\*\*([^*]+)\*\*', '$1'
    $Text -replace '\\([\\`*_{}\[\]()#+\-.!<>|])', '$1'
}

function Get-ProseBlock {
    <#
        Markdown prose as display blocks: paragraphs (lines joined), list items (each its own block),
        code and tables (lines kept as written).
    #>
    param([AllowEmptyString()] [string] $Markdown)

    $blocks = [System.Collections.Generic.List[object]]::new()
    $current = $null
    $inFence = $false
    foreach ($line in ($Markdown -split "`n")) {
        if ($inFence) {
            if ($line -match '^```\s*$') { $inFence = $false; $current = $null }
            else { $current.Lines.Add($line) }
            continue
        }
        if ($line -match '^```') {
            $current = [pscustomobject]@{ Kind = 'Code'; Lines = [System.Collections.Generic.List[string]]::new() }
            $blocks.Add($current)
            $inFence = $true
            continue
        }
        if ($line.Trim().Length -eq 0) { $current = $null; continue }
        if ($line -match '^\s*\|') {
            if ($null -eq $current -or $current.Kind -ne 'Table') {
                $current = [pscustomobject]@{ Kind = 'Table'; Lines = [System.Collections.Generic.List[string]]::new() }
                $blocks.Add($current)
            }
            $current.Lines.Add($line.Trim())
            continue
        }
        if ($line -match '^\s*([-*+]|\d+\.)\s+(.*)$') {
            $current = [pscustomobject]@{ Kind = 'Item'; Marker = $Matches[1]; Lines = [System.Collections.Generic.List[string]]::new() }
            $current.Lines.Add($Matches[2].Trim())
            $blocks.Add($current)
            continue
        }
        if ($null -eq $current -or $current.Kind -in 'Code', 'Table') {
            $current = [pscustomobject]@{ Kind = 'Paragraph'; Lines = [System.Collections.Generic.List[string]]::new() }
            $blocks.Add($current)
        }
        $current.Lines.Add($line.Trim())
    }
    $blocks.ToArray()
}

function ConvertTo-HelpParagraph {
    # The maml:para texts of some prose: one per paragraph or list item; code and tables keep their lines.
    param([AllowEmptyString()] [AllowNull()] [string] $Markdown)

    foreach ($block in Get-ProseBlock ([string] $Markdown)) {
        switch ($block.Kind) {
            'Paragraph' { ConvertTo-PlainText ($block.Lines -join ' ') }
            'Item' { $block.Marker + ' ' + (ConvertTo-PlainText ($block.Lines -join ' ')) }
            # Get-Help indents every line of a paragraph alike, so code keeps its own indentation only.
            'Code' { $block.Lines -join "`n" }
            'Table' { $block.Lines -join "`n" }
        }
    }
}

#endregion

#region MAML

function Write-XmlElement {
    # An element of one of the MAML namespaces holding text (or nothing).
    param([System.Xml.XmlWriter] $Writer, [string] $Prefix, [string] $Name, [AllowEmptyString()] [AllowNull()] [string] $Text)
    $Writer.WriteStartElement($Prefix, $Name, $script:Namespace[$Prefix])
    if ($Text) { $Writer.WriteString($Text) }
    $Writer.WriteEndElement()
}

function Write-MamlDescription {
    # maml:description (or another element) with a maml:para for each paragraph.
    param([System.Xml.XmlWriter] $Writer, [AllowEmptyString()] [AllowNull()] [string] $Markdown, [string] $Element = 'description', [string] $Prefix = 'maml')
    $Writer.WriteStartElement($Prefix, $Element, $script:Namespace[$Prefix])
    foreach ($para in ConvertTo-HelpParagraph $Markdown) { Write-XmlElement $Writer 'maml' 'para' $para }
    $Writer.WriteEndElement()
}

function Get-PipelineInputText {
    param([bool] $ByValue, [bool] $ByPropertyName)
    if ($ByValue -and $ByPropertyName) { 'True (ByPropertyName, ByValue)' }
    elseif ($ByValue) { 'True (ByValue)' }
    elseif ($ByPropertyName) { 'True (ByPropertyName)' }
    else { 'False' }
}

function Test-SwitchType {
    param([string] $TypeName)
    $TypeName -in 'SwitchParameter', 'System.Management.Automation.SwitchParameter', 'switch'
}

function Write-MamlParameter {
    # A command:parameter; in a syntaxItem a switch shows no value and the accepted values are listed.
    param([System.Xml.XmlWriter] $Writer, [object] $Parameter, [object] $Metadata, [switch] $InSyntax)

    $isSwitch = Test-SwitchType $Metadata.Type
    $type = if ($isSwitch) { 'SwitchParameter' } else { $Metadata.Type }
    $Writer.WriteStartElement('command', 'parameter', $script:Namespace.command)
    $Writer.WriteAttributeString('required', $Metadata.Required.ToString().ToLowerInvariant())
    $Writer.WriteAttributeString('variableLength', $type.EndsWith('[]').ToString().ToLowerInvariant())
    $Writer.WriteAttributeString('globbing', $Metadata.Globbing.ToString().ToLowerInvariant())
    $Writer.WriteAttributeString('pipelineInput', (Get-PipelineInputText $Metadata.ByValue $Metadata.ByPropertyName))
    $Writer.WriteAttributeString('position', $Metadata.Position.ToLowerInvariant())
    $Writer.WriteAttributeString('aliases', $(if ($Metadata.Aliases.Count -gt 0) { $Metadata.Aliases -join ', ' } else { 'none' }))

    Write-XmlElement $Writer 'maml' 'name' $Parameter.Name
    Write-MamlDescription $Writer $Parameter.Description
    if ($InSyntax -and $Metadata.AcceptedValues.Count -gt 0) {
        $Writer.WriteStartElement('command', 'parameterValueGroup', $script:Namespace.command)
        foreach ($value in $Metadata.AcceptedValues) {
            $Writer.WriteStartElement('command', 'parameterValue', $script:Namespace.command)
            $Writer.WriteAttributeString('required', 'false')
            $Writer.WriteAttributeString('variableLength', 'false')
            $Writer.WriteString($value)
            $Writer.WriteEndElement()
        }
        $Writer.WriteEndElement()
    }
    if (-not ($InSyntax -and $isSwitch)) {
        $Writer.WriteStartElement('command', 'parameterValue', $script:Namespace.command)
        $Writer.WriteAttributeString('required', (-not $isSwitch).ToString().ToLowerInvariant())
        $Writer.WriteAttributeString('variableLength', 'false')
        $Writer.WriteString($type)
        $Writer.WriteEndElement()
    }
    $Writer.WriteStartElement('dev', 'type', $script:Namespace.dev)
    Write-XmlElement $Writer 'maml' 'name' $type
    Write-XmlElement $Writer 'maml' 'uri' ''
    $Writer.WriteEndElement()
    $default = if ($isSwitch -and ($Metadata.DefaultValue -in '', 'None')) { 'False' } elseif ($Metadata.DefaultValue) { $Metadata.DefaultValue } else { 'None' }
    Write-XmlElement $Writer 'dev' 'defaultValue' $default
    $Writer.WriteEndElement()
}

function Get-SetParameter {
    <#
        The parameters of one parameter set, each with the metadata block that applies to the set, in the
        order Get-Command shows them: positional by position, mandatory named, optional named, then
        -WhatIf and -Confirm.
    #>
    param([object] $CommandHelp, [string] $SetName)

    $entries = foreach ($parameter in $CommandHelp.Parameters) {
        foreach ($metadata in $parameter.Metadata) {
            if ($metadata.ParameterSets -contains $script:AllSets -or $metadata.ParameterSets -contains $SetName) {
                [pscustomobject]@{ Parameter = $parameter; Metadata = $metadata }
                break
            }
        }
    }
    @($entries) | Sort-Object -Stable -Property @(
        @{ Expression = { Get-DisplayRank $_.Parameter.Name $_.Metadata.Required $_.Metadata.Position } },
        @{ Expression = { if ($_.Metadata.Position -eq 'Named') { 0 } else { [int] $_.Metadata.Position } } })
}

function Get-DisplayRank {
    param([string] $Name, [bool] $Required, [string] $Position)
    if ($Name -in 'WhatIf', 'Confirm') { 3 }
    elseif ($Position -ne 'Named') { 0 }
    elseif ($Required) { 1 }
    else { 2 }
}

function Format-ExampleTitle {
    # Get-Help prints example titles as a dashed rule; PlatyPS pads them to 64 characters the same way.
    param([string] $Title)
    if ($Title.Length -ge 62) { return $Title }
    $pad = '-' * [math]::Floor((62 - $Title.Length) / 2)
    "$pad $Title $pad"
}

function ConvertTo-MamlHelp {
    <#
    .SYNOPSIS
        Renders cmdlet help objects (from Read-CommandHelp) as one MAML document, as PlatyPS writes it.
    #>
    [CmdletBinding()]
    [OutputType([string])]
    param([Parameter(Mandatory, ValueFromPipeline)] [object[]] $CommandHelp)

    begin { $all = [System.Collections.Generic.List[object]]::new() }
    process { $all.AddRange($CommandHelp) }
    end {
        $stream = [System.IO.MemoryStream]::new()
        $settings = [System.Xml.XmlWriterSettings]@{ Indent = $true; IndentChars = '  '; NewLineChars = "`n"; Encoding = [System.Text.UTF8Encoding]::new($false) }
        $w = [System.Xml.XmlWriter]::Create($stream, $settings)
        $w.WriteStartDocument()
        $w.WriteStartElement('helpItems', $script:Namespace.msh)
        $w.WriteAttributeString('schema', 'maml')
        foreach ($help in $all) {
            $w.WriteStartElement('command', 'command', $script:Namespace.command)
            foreach ($prefix in 'maml', 'command', 'dev', 'MSHelp') {
                $w.WriteAttributeString('xmlns', $prefix, $null, $script:Namespace[$prefix])
            }

            $verb, $noun = $help.Name -split '-', 2
            $w.WriteStartElement('command', 'details', $script:Namespace.command)
            Write-XmlElement $w 'command' 'name' $help.Name
            Write-XmlElement $w 'command' 'verb' $verb
            Write-XmlElement $w 'command' 'noun' $noun
            Write-MamlDescription $w $help.Synopsis
            $w.WriteEndElement()
            Write-MamlDescription $w $help.Description

            $w.WriteStartElement('command', 'syntax', $script:Namespace.command)
            foreach ($set in $help.Syntax) {
                $w.WriteStartElement('command', 'syntaxItem', $script:Namespace.command)
                Write-XmlElement $w 'maml' 'name' $help.Name
                foreach ($entry in Get-SetParameter $help $set.Name) {
                    Write-MamlParameter $w $entry.Parameter $entry.Metadata -InSyntax
                }
                $w.WriteEndElement()
            }
            $w.WriteEndElement()

            $w.WriteStartElement('command', 'parameters', $script:Namespace.command)
            foreach ($parameter in $help.Parameters) {
                Write-MamlParameter $w $parameter $parameter.Metadata[0]
            }
            $w.WriteEndElement()

            foreach ($kind in @(@('inputTypes', 'inputType', $help.Inputs), @('returnValues', 'returnValue', $help.Outputs))) {
                $w.WriteStartElement('command', $kind[0], $script:Namespace.command)
                foreach ($type in $kind[2]) {
                    $w.WriteStartElement('command', $kind[1], $script:Namespace.command)
                    $w.WriteStartElement('dev', 'type', $script:Namespace.dev)
                    Write-XmlElement $w 'maml' 'name' $type.TypeName
                    $w.WriteEndElement()
                    Write-MamlDescription $w $type.Description
                    $w.WriteEndElement()
                }
                $w.WriteEndElement()
            }

            $w.WriteStartElement('maml', 'alertSet', $script:Namespace.maml)
            Write-MamlDescription $w $help.Notes -Element 'alert'
            $w.WriteEndElement()

            $w.WriteStartElement('command', 'examples', $script:Namespace.command)
            foreach ($example in $help.Examples) {
                $w.WriteStartElement('command', 'example', $script:Namespace.command)
                Write-XmlElement $w 'maml' 'title' (Format-ExampleTitle $example.Title)
                Write-XmlElement $w 'dev' 'code' ($example.Code -join "`n`n")
                Write-MamlDescription $w $example.Remarks -Element 'remarks' -Prefix 'dev'
                $w.WriteEndElement()
            }
            $w.WriteEndElement()

            $w.WriteStartElement('command', 'relatedLinks', $script:Namespace.command)
            $links = @($help.Links)
            if ($help.Metadata['online version']) {
                # Get-Help -Online opens the first link with a URI; PlatyPS puts the online version there.
                $links = @([pscustomobject]@{ Text = 'Online Version:'; Uri = $help.Metadata['online version'] }) + $links
            }
            foreach ($link in $links) {
                $w.WriteStartElement('maml', 'navigationLink', $script:Namespace.maml)
                Write-XmlElement $w 'maml' 'linkText' $link.Text
                # Get-Help rejects a relative URI (a link to another .md page); the link text still shows.
                Write-XmlElement $w 'maml' 'uri' $(if ($link.Uri -match '^[a-z]+://') { $link.Uri } else { '' })
                $w.WriteEndElement()
            }
            $w.WriteEndElement()

            $w.WriteEndElement()
        }
        $w.WriteEndElement()
        $w.WriteEndDocument()
        $w.Flush()
        $w.Dispose()
        [System.Text.Encoding]::UTF8.GetString($stream.ToArray())
    }
}

#endregion

#region About topics

function Format-WrappedLine {
    # Word-wraps text to 80 columns: the first line after $Indent, the others after $HangingIndent.
    param([string] $Text, [string] $Indent, [string] $HangingIndent = $Indent, [int] $Width = 80)

    $line = $Indent
    $empty = $true
    foreach ($word in ($Text -split '\s+' | Where-Object Length -GT 0)) {
        if (-not $empty -and $line.Length + 1 + $word.Length -gt $Width) {
            $line
            $line = $HangingIndent + $word
        }
        else {
            $line += $(if ($empty) { $word } else { ' ' + $word })
        }
        $empty = $false
    }
    if (-not $empty) { $line }
}

function ConvertTo-AboutHelpText {
    <#
    .SYNOPSIS
        Renders an about topic (from Read-AboutHelp) as the plain text Get-Help shows: section headings
        upper-cased, body indented four spaces and wrapped at 80 columns.
    #>
    [CmdletBinding()]
    [OutputType([string])]
    param([Parameter(Mandatory, ValueFromPipeline)] [object] $AboutHelp)

    process {
        $out = [System.Collections.Generic.List[string]]::new()
        $out.Add('TOPIC')
        $out.Add('    ' + $AboutHelp.Name)
        foreach ($section in $AboutHelp.Sections) {
            $out.Add('')
            if ($section.IsSubtopic) {
                $out.Add('  ' + $section.Title)
                $out.Add('  ' + ('-' * $section.Title.Length))
            }
            else {
                $out.Add($section.Title.ToUpperInvariant())
            }
            $previous = $null
            foreach ($block in Get-ProseBlock $section.Body) {
                # List items follow each other without a blank line, as in the markdown.
                if ($null -ne $previous -and -not ($previous -eq 'Item' -and $block.Kind -eq 'Item')) { $out.Add('') }
                $previous = $block.Kind
                switch ($block.Kind) {
                    'Paragraph' { $out.AddRange([string[]] @(Format-WrappedLine (ConvertTo-PlainText ($block.Lines -join ' ')) '    ')) }
                    'Item' {
                        $marker = $block.Marker + ' '
                        $out.AddRange([string[]] @(Format-WrappedLine (ConvertTo-PlainText ($block.Lines -join ' ')) ('    ' + $marker) ('    ' + (' ' * $marker.Length))))
                    }
                    'Code' { $out.AddRange([string[]] @($block.Lines | ForEach-Object { ('        ' + $_).TrimEnd() })) }
                    'Table' { $out.AddRange([string[]] @($block.Lines | ForEach-Object { '    ' + $_ })) }
                }
            }
        }
        ($out -join "`n") + "`n"
    }
}

#endregion

#region Module metadata, drift and -Update

function Get-TypeDisplayName {
    # PlatyPS's type names: the short name, the inner type of a Nullable, the full text of other generics.
    param([type] $Type)
    if ($Type.IsGenericType -and $Type.GetGenericTypeDefinition() -eq [Nullable`1]) { return $Type.GenericTypeArguments[0].Name }
    if ($Type.IsGenericType) { return $Type.ToString() }
    $Type.Name
}

function Get-AcceptedValue {
    # What PowerShell itself lists as a parameter's values: a ValidateSet, or the names of an enum.
    param([System.Management.Automation.CommandParameterInfo] $Parameter)

    $set = $Parameter.Attributes | Where-Object { $_ -is [System.Management.Automation.ValidateSetAttribute] } | Select-Object -First 1
    if ($set) { return [string[]] $set.ValidValues }
    $type = $Parameter.ParameterType
    if ($type.IsArray) { $type = $type.GetElementType() }
    if ($type.IsGenericType -and $type.GetGenericTypeDefinition() -eq [Nullable`1]) { $type = $type.GenericTypeArguments[0] }
    if ($type.IsEnum) { return [string[]] [enum]::GetNames($type) }
    [string[]] @()
}

function Format-CommandSyntax {
    # One syntax line, as Get-Command -Syntax writes it but with PlatyPS's type names.
    param([string] $CommandName, [AllowEmptyCollection()] [object[]] $Parameter)

    $ordered = $Parameter | Sort-Object -Stable -Property @(
        @{ Expression = { Get-DisplayRank $_.Name $_.Required $_.Position } },
        @{ Expression = { if ($_.Position -eq 'Named') { 0 } else { [int] $_.Position } } })
    $parts = foreach ($p in $ordered) {
        if (Test-SwitchType $p.Type) {
            if ($p.Required) { "-$($p.Name)" } else { "[-$($p.Name)]" }
            continue
        }
        $text = "-$($p.Name)"
        if ($p.Position -ne 'Named') { $text = "[$text]" }
        $text = "$text <$($p.Type)>"
        if (-not $p.Required) { $text = "[$text]" }
        $text
    }
    (@($CommandName) + @($parts) + '[<CommonParameters>]') -join ' '
}

function Get-CommandMetadata {
    <#
    .SYNOPSIS
        The parameter metadata of a command, from the module (-Command) or from its markdown page
        (-CommandHelp), in one shape so that Compare-CommandMetadata can tell them apart.
    #>
    [CmdletBinding(DefaultParameterSetName = 'Command')]
    param(
        [Parameter(Mandatory, ParameterSetName = 'Command')] [System.Management.Automation.CommandInfo] $Command,
        [Parameter(Mandatory, ParameterSetName = 'CommandHelp')] [object] $CommandHelp
    )

    $sets = [ordered]@{}
    $parameters = [ordered]@{}
    if ($PSCmdlet.ParameterSetName -eq 'Command') {
        $name = $Command.Name
        $common = [System.Management.Automation.Cmdlet]::CommonParameters
        $defaultSet = @($Command.ParameterSets | Where-Object IsDefault | ForEach-Object Name)
        $defaultSet = if ($defaultSet.Count -gt 0) { $defaultSet[0] } else { $Command.ParameterSets[0].Name }
        foreach ($set in $Command.ParameterSets) {
            $entries = foreach ($p in $set.Parameters) {
                if ($common.Contains($p.Name)) { continue }
                if (-not $parameters.Contains($p.Name)) {
                    $parameters[$p.Name] = [pscustomobject]@{
                        Name           = $p.Name
                        Type           = Get-TypeDisplayName $p.ParameterType
                        Aliases        = [string[]] @($p.Aliases | Sort-Object)
                        AcceptedValues = [string[]] @(Get-AcceptedValue $p)
                        Globbing       = [bool] ($p.Attributes | Where-Object { $_ -is [System.Management.Automation.SupportsWildcardsAttribute] })
                        DefaultValue   = $null
                        Sets           = [ordered]@{}
                    }
                }
                $entry = [pscustomobject]@{
                    Name     = $p.Name
                    Type     = $parameters[$p.Name].Type
                    Required = $p.IsMandatory
                    Position = if ($p.Position -lt 0) { 'Named' } else { [string] $p.Position }
                    Pipeline = Get-PipelineInputText $p.ValueFromPipeline $p.ValueFromPipelineByPropertyName
                }
                $parameters[$p.Name].Sets[$set.Name] = $entry
                $entry
            }
            $sets[$set.Name] = Format-CommandSyntax $name @($entries)
        }
    }
    else {
        $name = $CommandHelp.Name
        $defaultSet = @($CommandHelp.Syntax | Where-Object IsDefault)[0].Name
        foreach ($set in $CommandHelp.Syntax) { $sets[$set.Name] = $set.Text }
        foreach ($p in $CommandHelp.Parameters) {
            $first = $p.Metadata[0]
            $parameters[$p.Name] = [pscustomobject]@{
                Name           = $p.Name
                Type           = $first.Type
                Aliases        = [string[]] @($first.Aliases | Sort-Object)
                AcceptedValues = [string[]] $first.AcceptedValues
                Globbing       = $first.Globbing
                DefaultValue   = $first.DefaultValue
                Sets           = [ordered]@{}
            }
            foreach ($block in $p.Metadata) {
                $names = if ($block.ParameterSets -contains $script:AllSets) { @($sets.Keys) } else { $block.ParameterSets }
                foreach ($setName in $names) {
                    $parameters[$p.Name].Sets[$setName] = [pscustomobject]@{
                        Name     = $p.Name
                        Type     = $block.Type
                        Required = $block.Required
                        Position = $block.Position
                        Pipeline = Get-PipelineInputText $block.ByValue $block.ByPropertyName
                    }
                }
            }
        }
    }

    [pscustomobject]@{
        PSTypeName = 'LlamaLogDocs.CommandMetadata'
        Name       = $name
        DefaultSet = $defaultSet
        Sets       = $sets
        Parameters = $parameters
    }
}

function Compare-CommandMetadata {
    <#
    .SYNOPSIS
        The differences between a command's metadata in the module and in its markdown page, one
        sentence each naming the cmdlet, the parameter and what differs. Nothing when they agree.
    #>
    [CmdletBinding()]
    [OutputType([string])]
    param(
        [Parameter(Mandatory)] [object] $Module,
        [Parameter(Mandatory)] [object] $Markdown
    )

    $n = $Module.Name
    $show = { param($value) if ($value -is [array]) { "'" + ($value -join ', ') + "'" } else { "'$value'" } }
    $differ = { param($a, $b) ((@($a) | ForEach-Object { "$_" }) -join "`0") -cne ((@($b) | ForEach-Object { "$_" }) -join "`0") }

    foreach ($set in $Module.Sets.Keys) {
        if (-not $Markdown.Sets.Contains($set)) { "${n}: parameter set '$set' is missing from ## SYNTAX" }
    }
    foreach ($set in $Markdown.Sets.Keys) {
        if (-not $Module.Sets.Contains($set)) { "${n}: ## SYNTAX has parameter set '$set', which the module does not have" }
    }
    if ($Module.Sets.Count -gt 1 -and $Module.DefaultSet -ne $Markdown.DefaultSet) {
        "${n}: the default parameter set is '$($Markdown.DefaultSet)' in the markdown but '$($Module.DefaultSet)' in the module"
    }
    foreach ($set in $Module.Sets.Keys) {
        if ($Markdown.Sets.Contains($set) -and $Markdown.Sets[$set] -cne $Module.Sets[$set]) {
            "${n}: the syntax of set '$set' is '$($Markdown.Sets[$set])' in the markdown but '$($Module.Sets[$set])' in the module"
        }
    }

    foreach ($name in $Module.Parameters.Keys) {
        if (-not $Markdown.Parameters.Contains($name)) { "$n -${name}: the module has it but ## PARAMETERS does not document it" }
    }
    foreach ($name in $Markdown.Parameters.Keys) {
        if (-not $Module.Parameters.Contains($name)) { "$n -${name}: documented in ## PARAMETERS but the module has no such parameter" }
    }
    foreach ($name in $Module.Parameters.Keys) {
        if (-not $Markdown.Parameters.Contains($name)) { continue }
        $mod = $Module.Parameters[$name]
        $md = $Markdown.Parameters[$name]
        foreach ($field in @(@('Type', 'Type'), @('Aliases', 'Aliases'), @('AcceptedValues', 'Accepted values'), @('Globbing', 'Accept wildcard characters'))) {
            if (& $differ $md.($field[0]) $mod.($field[0])) {
                "$n -${name}: $($field[1]) is $(& $show $md.($field[0])) in the markdown but $(& $show $mod.($field[0])) in the module"
            }
        }
        if (& $differ @($md.Sets.Keys | Sort-Object) @($mod.Sets.Keys | Sort-Object)) {
            "$n -${name}: Parameter Sets are $(& $show @($md.Sets.Keys)) in the markdown but $(& $show @($mod.Sets.Keys)) in the module"
        }
        foreach ($set in $mod.Sets.Keys) {
            if (-not $md.Sets.Contains($set)) { continue }
            $where = if ($Module.Sets.Count -gt 1) { " in set '$set'" } else { '' }
            foreach ($field in @(@('Required', 'Required'), @('Position', 'Position'), @('Pipeline', 'Accept pipeline input'))) {
                if (& $differ $md.Sets[$set].($field[0]) $mod.Sets[$set].($field[0])) {
                    "$n -${name}: $($field[1])$where is $(& $show $md.Sets[$set].($field[0])) in the markdown but $(& $show $mod.Sets[$set].($field[0])) in the module"
                }
            }
        }
    }
}

function Format-SyntaxSection {
    # The body of ## SYNTAX: one code block, or a '### Set' heading and code block for each parameter set.
    param([object] $Metadata)

    $single = $Metadata.Sets.Count -eq 1 -and $Metadata.Sets.Contains($script:DefaultSetName)
    $lines = foreach ($set in $Metadata.Sets.Keys) {
        if (-not $single) {
            '### ' + $set + $(if ($set -eq $Metadata.DefaultSet) { $script:DefaultMarker })
            ''
        }
        '```'
        $Metadata.Sets[$set]
        '```'
        ''
    }
    $lines[0..($lines.Count - 2)]
}

function Format-ParameterYaml {
    # The yaml blocks of one parameter: one block for each distinct Required/Position/pipeline across sets.
    param([object] $Metadata, [object] $Parameter, [AllowEmptyString()] [AllowNull()] [string] $DefaultValue)

    if (-not $DefaultValue) { $DefaultValue = if (Test-SwitchType $Parameter.Type) { 'False' } else { 'None' } }
    $groups = [ordered]@{}
    foreach ($set in $Parameter.Sets.Keys) {
        $entry = $Parameter.Sets[$set]
        $key = "$($entry.Required)|$($entry.Position)|$($entry.Pipeline)"
        if (-not $groups.Contains($key)) { $groups[$key] = [pscustomobject]@{ Entry = $entry; Sets = [System.Collections.Generic.List[string]]::new() } }
        $groups[$key].Sets.Add($set)
    }
    $first = $true
    foreach ($group in $groups.Values) {
        if (-not $first) { '' }
        $first = $false
        $sets = if ($Metadata.Sets.Count -eq 1 -or $group.Sets.Count -eq $Metadata.Sets.Count) { $script:AllSets } else { $group.Sets -join ', ' }
        '```yaml'
        "Type: $($Parameter.Type)"
        "Parameter Sets: $sets"
        ('Aliases: ' + ($Parameter.Aliases -join ', ')).TrimEnd()
        if ($Parameter.AcceptedValues.Count -gt 0) { 'Accepted values: ' + ($Parameter.AcceptedValues -join ', ') }
        ''
        "Required: $($group.Entry.Required)"
        "Position: $($group.Entry.Position)"
        "Default value: $DefaultValue"
        "Accept pipeline input: $($group.Entry.Pipeline)"
        "Accept wildcard characters: $($Parameter.Globbing)"
        '```'
    }
}

function Format-NewParameterSection {
    param([object] $Metadata, [object] $Parameter)
    "### -$($Parameter.Name)"
    ''
    "$($script:Placeholder) $($Parameter.Name) Description }}"
    ''
    Format-ParameterYaml $Metadata $Parameter
    ''
}

function Write-MarkdownFile {
    # LF line ends and UTF-8 without a byte order mark, whatever the platform.
    param([string] $Path, [string[]] $Line)
    [System.IO.File]::WriteAllText($Path, (($Line -join "`n") + "`n"), [System.Text.UTF8Encoding]::new($false))
}

function Update-CommandHelp {
    <#
    .SYNOPSIS
        Rewrites the SYNTAX section and each parameter's yaml blocks of a cmdlet page from the command's
        metadata; adds a placeholder section for a new parameter and removes the section of a parameter
        that is gone. Prose is never touched. Returns whether the file changed.
    #>
    [CmdletBinding(SupportsShouldProcess)]
    [OutputType([bool])]
    param(
        [Parameter(Mandatory)] [string] $Path,
        [Parameter(Mandatory)] [System.Management.Automation.CommandInfo] $Command
    )

    $help = Read-CommandHelp $Path
    $metadata = Get-CommandMetadata -Command $Command
    $original = [System.IO.File]::ReadAllLines($help.Path)
    $edits = [System.Collections.Generic.List[object]]::new()

    $edits.Add([pscustomobject]@{ Start = $help.SyntaxSection.Line + 1; End = $help.SyntaxSection.EndLine; Lines = @('') + @(Format-SyntaxSection $metadata) + @('') })

    foreach ($p in $help.Parameters) {
        if ($metadata.Parameters.Contains($p.Name)) {
            $yaml = Format-ParameterYaml $metadata $metadata.Parameters[$p.Name] $p.Metadata[0].DefaultValue
            $edits.Add([pscustomobject]@{ Start = $p.Metadata[0].Line; End = $p.Metadata[-1].EndLine; Lines = @($yaml) })
        }
        else {
            $edits.Add([pscustomobject]@{ Start = $p.Line; End = $p.EndLine; Lines = @() })
        }
    }

    $added = foreach ($name in $metadata.Parameters.Keys) {
        if (-not ($help.Parameters | Where-Object Name -EQ $name)) { Format-NewParameterSection $metadata $metadata.Parameters[$name] }
    }
    if (-not $help.CommonParametersSection) {
        $added = @($added) + @('### CommonParameters', '', $script:CommonParametersText, '')
    }
    if (@($added).Count -gt 0) {
        $at = if ($help.CommonParametersSection) { $help.CommonParametersSection.Line } else { $help.ParameterSection.EndLine + 1 }
        if ($original[$at - 2].Trim().Length -gt 0) { $added = @('') + @($added) }
        $edits.Add([pscustomobject]@{ Start = $at; End = $at - 1; Lines = @($added) })
    }

    # From the bottom up, so the line numbers of the edits above stay true.
    $lines = [System.Collections.Generic.List[string]]::new([string[]] $original)
    foreach ($edit in $edits | Sort-Object Start -Descending) {
        $lines.RemoveRange($edit.Start - 1, $edit.End - $edit.Start + 1)
        $lines.InsertRange($edit.Start - 1, [string[]] $edit.Lines)
    }

    $changed = ($lines -join "`n") -cne ($original -join "`n")
    if ($changed -and $PSCmdlet.ShouldProcess($help.Path, 'Update SYNTAX and parameter metadata')) {
        Write-MarkdownFile $help.Path $lines
        $null = Read-CommandHelp $help.Path
    }
    $changed
}

function New-CommandHelp {
    <#
    .SYNOPSIS
        Writes a page for a command that has none: its syntax and parameter metadata, and a '{{ Fill'
        placeholder wherever prose is needed.
    #>
    [CmdletBinding(SupportsShouldProcess)]
    param(
        [Parameter(Mandatory)] [string] $Path,
        [Parameter(Mandatory)] [System.Management.Automation.CommandInfo] $Command
    )

    $metadata = Get-CommandMetadata -Command $Command
    $helpFile = if ($Command.HelpFile) { Split-Path -Leaf $Command.HelpFile } else { "$($Command.ModuleName)-help.xml" }
    $inputs = @($Command.ParameterSets.Parameters |
            Where-Object { ($_.ValueFromPipeline -or $_.ValueFromPipelineByPropertyName) -and -not [System.Management.Automation.Cmdlet]::CommonParameters.Contains($_.Name) } |
            ForEach-Object { $_.ParameterType.FullName } | Select-Object -Unique)
    $outputs = @($Command.OutputType | ForEach-Object Name | Select-Object -Unique)

    $lines = @(
        '---'
        "external help file: $helpFile"
        "Module Name: $($Command.ModuleName)"
        'online version:'
        'schema: 2.0.0'
        '---'
        ''
        "# $($Command.Name)"
        ''
        '## SYNOPSIS'
        ''
        "$($script:Placeholder) in the Synopsis }}"
        ''
        '## SYNTAX'
        ''
        Format-SyntaxSection $metadata
        ''
        '## DESCRIPTION'
        ''
        "$($script:Placeholder) in the Description }}"
        ''
        '## EXAMPLES'
        ''
        '### Example 1'
        ''
        '```powershell'
        "$($script:Placeholder) in the example code }}"
        '```'
        ''
        "$($script:Placeholder) in the example description }}"
        ''
        '## PARAMETERS'
        ''
        foreach ($name in $metadata.Parameters.Keys) { Format-NewParameterSection $metadata $metadata.Parameters[$name] }
        '### CommonParameters'
        ''
        $script:CommonParametersText
        ''
        '## INPUTS'
        ''
        foreach ($type in $(if ($inputs.Count) { $inputs } else { 'None' })) { "### $type", '', "$($script:Placeholder) in the input description }}", '' }
        '## OUTPUTS'
        ''
        foreach ($type in $(if ($outputs.Count) { $outputs } else { 'None' })) { "### $type", '', "$($script:Placeholder) in the output description }}", '' }
        '## NOTES'
        ''
        '## RELATED LINKS'
    )
    if ($PSCmdlet.ShouldProcess($Path, 'Create help page')) {
        Write-MarkdownFile $Path $lines
        $null = Read-CommandHelp $Path
    }
}

function Export-ModuleHelp {
    <#
    .SYNOPSIS
        Converts a folder of cmdlet pages and about topics into the module's help files; with -Update,
        first brings the pages' SYNTAX and parameter metadata in step with the module at -ModulePath.
    .OUTPUTS
        One object per file created, updated or written: Action and Path.
    #>
    [CmdletBinding(SupportsShouldProcess)]
    param(
        [Parameter(Mandatory)] [string] $DocsPath,
        [Parameter(Mandatory)] [string] $OutputPath,
        [string] $ModulePath,
        [switch] $Update
    )

    $DocsPath = (Resolve-Path -LiteralPath $DocsPath -ErrorAction Stop).ProviderPath
    if ($Update) {
        if (-not $ModulePath) { throw '-Update needs -ModulePath: the syntax and parameters come from the built module.' }
        $module = Import-Module -Name (Resolve-Path -LiteralPath $ModulePath -ErrorAction Stop).ProviderPath -Force -PassThru -ErrorAction Stop
        foreach ($command in Get-Command -Module $module.Name -CommandType Cmdlet, Function | Sort-Object Name) {
            $page = Join-Path $DocsPath "$($command.Name).md"
            if (-not (Test-Path -LiteralPath $page)) {
                New-CommandHelp -Path $page -Command $command
                [pscustomobject]@{ Action = 'Created'; Path = $page }
            }
            elseif (Update-CommandHelp -Path $page -Command $command) {
                [pscustomobject]@{ Action = 'Updated'; Path = $page }
            }
        }
    }

    $null = New-Item -ItemType Directory -Force -Path $OutputPath
    $encoding = [System.Text.UTF8Encoding]::new($false)
    $pages = @(Get-ChildItem -LiteralPath $DocsPath -Filter '*.md' -File | Where-Object Name -NotLike 'about_*' | Sort-Object Name)
    $help = @($pages | Read-CommandHelp)
    foreach ($group in $help | Group-Object { $_.Metadata['external help file'] }) {
        $file = Join-Path $OutputPath $group.Name
        [System.IO.File]::WriteAllText($file, (ConvertTo-MamlHelp $group.Group), $encoding)
        [pscustomobject]@{ Action = 'Wrote'; Path = $file }
    }
    foreach ($page in Get-ChildItem -LiteralPath $DocsPath -Filter 'about_*.md' -File | Sort-Object Name) {
        $about = Read-AboutHelp $page.FullName
        $file = Join-Path $OutputPath "$($about.Name).help.txt"
        [System.IO.File]::WriteAllText($file, (ConvertTo-AboutHelpText $about), $encoding)
        [pscustomobject]@{ Action = 'Wrote'; Path = $file }
    }
}

#endregion

Export-ModuleMember -Function @(
    'Read-CommandHelp', 'Read-AboutHelp', 'ConvertTo-MamlHelp', 'ConvertTo-AboutHelpText',
    'Get-CommandMetadata', 'Compare-CommandMetadata', 'Update-CommandHelp', 'New-CommandHelp', 'Export-ModuleHelp'
)
