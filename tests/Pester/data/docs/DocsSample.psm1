# The command that valid/Set-DocsSample.md documents: two parameter sets, aliases, pipeline input,
# accepted values, wildcards, and a switch that is mandatory in one set only.
function Set-DocsSample {
    [CmdletBinding(DefaultParameterSetName = 'ByName')]
    param(
        [Parameter(Mandatory, Position = 0, ParameterSetName = 'ByName', ValueFromPipeline, ValueFromPipelineByPropertyName)]
        [Alias('Id')]
        [string[]] $Name,

        [Parameter(Mandatory, Position = 0, ParameterSetName = 'ByObject', ValueFromPipeline)]
        [object] $InputObject,

        [ValidateSet('Fast', 'Safe')]
        [string] $Mode = 'Safe',

        [SupportsWildcards()]
        [string] $Pattern,

        [Parameter(ParameterSetName = 'ByName')]
        [Parameter(Mandatory, ParameterSetName = 'ByObject')]
        [switch] $Force
    )
    process { }
}
