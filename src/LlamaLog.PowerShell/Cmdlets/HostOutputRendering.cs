using System.Management.Automation;

namespace LlamaLog.Cmdlets
{
    /// <summary>Reads $PSStyle.OutputRendering late-bound: $PSStyle does not exist on Windows PowerShell 5.1.</summary>
    internal static class HostOutputRendering
    {
        public static string Read(SessionState sessionState)
        {
            object style = sessionState?.PSVariable.GetValue("PSStyle");
            if (style == null)
            {
                return null;
            }

            PSPropertyInfo property = PSObject.AsPSObject(style).Properties["OutputRendering"];
            return property?.Value?.ToString();
        }
    }
}
