using System;
using System.Collections.Generic;
using System.Linq.Expressions;
using System.Management.Automation;
using System.Management.Automation.Host;
using System.Reflection;
using LlamaLog.Engine.Formatting;

namespace LlamaLog.Emit
{
    /// <summary>
    /// Reads $PSStyle.OutputRendering late-bound: $PSStyle does not exist on Windows PowerShell 5.1. $PSStyle is
    /// the process-wide <c>PSStyle.Instance</c>, so the setting is read through a compiled getter of that
    /// instance (a few nanoseconds); a variable look-up would cost more than the rest of a filtered-in record.
    /// </summary>
    internal static class HostOutputRendering
    {
        private static readonly SettingReader Reader = SettingReader.Create();

        /// <summary>Whether text written to this host may carry escape codes (see TerminalColors.TakesEscapes).</summary>
        public static bool TakesEscapes(PSHostUserInterface ui, SessionState sessionState)
        {
            bool vt = false;
            try
            {
                vt = ui != null && ui.SupportsVirtualTerminal;
            }
            catch (NotImplementedException)
            {
                // A custom host that does not say: no escape codes.
            }

            return TerminalColors.TakesEscapes(vt, Read(sessionState));
        }

        public static string Read(SessionState sessionState)
        {
            if (Reader != null)
            {
                return Reader.Read();
            }

            // No PSStyle.Instance to compile against (an older or newer engine shape): the variable, as a script would.
            object style = sessionState?.PSVariable.GetValue("PSStyle");
            object value = style is PSObject wrapped ? wrapped.BaseObject : style;
            return value?.GetType().GetProperty("OutputRendering")?.GetValue(value)?.ToString();
        }

        private sealed class SettingReader
        {
            private readonly Func<int> read;
            private readonly Dictionary<int, string> names;

            private SettingReader(Func<int> read, Dictionary<int, string> names)
            {
                this.read = read;
                this.names = names;
            }

            public static SettingReader Create()
            {
                try
                {
                    Type styleType = typeof(PSCmdlet).Assembly.GetType("System.Management.Automation.PSStyle");
                    PropertyInfo instance = styleType?.GetProperty("Instance", BindingFlags.Public | BindingFlags.Static);
                    PropertyInfo rendering = styleType?.GetProperty("OutputRendering", BindingFlags.Public | BindingFlags.Instance);
                    if (instance == null || rendering == null || !rendering.PropertyType.IsEnum)
                    {
                        return null;
                    }

                    var names = new Dictionary<int, string>();
                    foreach (object value in Enum.GetValues(rendering.PropertyType))
                    {
                        names[Convert.ToInt32(value, System.Globalization.CultureInfo.InvariantCulture)] = value.ToString();
                    }

                    Expression body = Expression.Convert(Expression.Property(Expression.Property(null, instance), rendering), typeof(int));
                    return new SettingReader(Expression.Lambda<Func<int>>(body).Compile(), names);
                }
                catch (Exception)
                {
                    // Whatever the engine's shape makes fail here (a missing or changed type), the variable still works.
                    return null;
                }
            }

            public string Read()
            {
                int value = read();
                return names.TryGetValue(value, out string name) ? name : value.ToString(System.Globalization.CultureInfo.InvariantCulture);
            }
        }
    }
}
