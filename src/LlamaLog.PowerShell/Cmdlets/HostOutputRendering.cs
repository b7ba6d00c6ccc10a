using System.Management.Automation;

namespace LlamaLog.Cmdlets
{
    /// <summary>Reads $PSStyle.OutputRendering late-bound: $PSStyle does not exist on Windows PowerShell 5.1.</summary>
    internal static class HostOutputRendering
    {
        private static RenderingProperty property;

        public static string Read(SessionState sessionState)
        {
            object style = sessionState?.PSVariable.GetValue("PSStyle");
            if (style == null)
            {
                return null;
            }

            // $PSStyle is a plain .NET object: its property, found once per type, reads far faster than the adapter.
            object value = style is PSObject wrapped ? wrapped.BaseObject : style;
            System.Type type = value.GetType();
            RenderingProperty cached = property;
            if (cached == null || cached.Type != type)
            {
                cached = new RenderingProperty(type, type.GetProperty("OutputRendering"));
                property = cached;
            }

            return cached.Property?.GetValue(value)?.ToString();
        }

        private sealed class RenderingProperty
        {
            public RenderingProperty(System.Type type, System.Reflection.PropertyInfo property)
            {
                Type = type;
                Property = property;
            }

            public System.Type Type { get; }

            public System.Reflection.PropertyInfo Property { get; }
        }
    }
}
