<#
.SYNOPSIS
    Writes .NET's invariant casing and white-space test for every code point where they do anything.
.DESCRIPTION
    Input for make_python_text.py --dotnet-casing: the vectors then include every code point where .NET
    and Python could disagree, and the generator reports how many do. PythonText does not use .NET's
    casing (its data depends on the runtime and its ICU or NLS version), so this is coverage, not a table.
    Output: one line per code point, tab-separated: code point, upper, lower (code points in hex, space-
    separated), and 1 when char.IsWhiteSpace. Surrogate code points are skipped.
.EXAMPLE
    dotnet pwsh tests/data-gen/Export-DotNetCasing.ps1 -OutputPath /tmp/dotnet-casing.tsv
#>
param([Parameter(Mandatory)] [string] $OutputPath)

$ErrorActionPreference = 'Stop'

# A PowerShell loop over 1.1 million code points takes minutes; the same loop in C# takes a second.
Add-Type -TypeDefinition @'
using System.Globalization;
using System.IO;

public static class DotNetCasingDump
{
    public static void Write(string path)
    {
        using (var writer = new StreamWriter(path))
        {
            writer.NewLine = "\n";
            writer.WriteLine("# " + System.Runtime.InteropServices.RuntimeInformation.FrameworkDescription
                + " " + System.Runtime.InteropServices.RuntimeInformation.OSDescription);
            for (int cp = 0; cp <= 0x10FFFF; cp++)
            {
                if (cp >= 0xD800 && cp <= 0xDFFF) continue;
                string text = char.ConvertFromUtf32(cp);
                string upper = text.ToUpperInvariant();
                string lower = text.ToLowerInvariant();
                bool space = char.IsWhiteSpace(text, 0);
                if (upper == text && lower == text && !space) continue;
                writer.WriteLine(cp.ToString("X") + "\t" + Hex(upper) + "\t" + Hex(lower) + "\t" + (space ? "1" : "0"));
            }
        }
    }

    private static string Hex(string text)
    {
        var codePoints = new System.Collections.Generic.List<string>();
        for (int i = 0; i < text.Length; i += char.IsSurrogatePair(text, i) ? 2 : 1)
        {
            codePoints.Add(char.ConvertToUtf32(text, i).ToString("X"));
        }
        return string.Join(" ", codePoints);
    }
}
'@

[DotNetCasingDump]::Write([System.IO.Path]::GetFullPath($OutputPath))
