using System;
using System.Diagnostics;
using System.Runtime.CompilerServices;
using LlamaLog.Engine.Records;

namespace LlamaLog.Engine.Otlp
{
    /// <summary>
    /// The trace context of <see cref="Activity.Current"/>. Only PowerShell 7 has System.Diagnostics.DiagnosticSource
    /// (from its shared framework, in the default load context, so this is the session's activity); on Windows
    /// PowerShell the method that touches it is never compiled.
    /// </summary>
    internal static class ActivityTraceContext
    {
        private static readonly bool Available =
            string.Equals(typeof(object).Assembly.GetName().Name, "System.Private.CoreLib", StringComparison.Ordinal);

        public static TraceContext Current() => Available ? ReadCurrent() : null;

        [MethodImpl(MethodImplOptions.NoInlining)]
        private static TraceContext ReadCurrent()
        {
            Activity activity = Activity.Current;
            if (activity == null || activity.IdFormat != ActivityIdFormat.W3C)
            {
                return null;
            }

            return new TraceContext(activity.TraceId.ToHexString(), activity.SpanId.ToHexString(), (byte)activity.ActivityTraceFlags, activity.TraceStateString);
        }
    }
}
