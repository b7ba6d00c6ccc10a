using System;
using System.Collections.Generic;
using LlamaLog.Engine.Records;

namespace LlamaLog.Engine.Otlp
{
    /// <summary>
    /// Where a record's trace context comes from: <c>System.Diagnostics.Activity.Current</c> when there is one (the
    /// span a script or a library started), else the context given at setup (<c>-TraceParent</c>, or the
    /// TRACEPARENT and TRACESTATE variables a parent process set).
    /// </summary>
    public sealed class TraceContextSource
    {
        public static TraceContextSource None { get; } = new TraceContextSource(null, "None");

        public TraceContextSource(TraceContext fallback, string fallbackSource)
        {
            Fallback = fallback;
            FallbackSource = fallbackSource;
        }

        /// <summary>The context used when no activity is current, or null.</summary>
        public TraceContext Fallback { get; }

        /// <summary>-TraceParent, TRACEPARENT, or None.</summary>
        public string FallbackSource { get; }

        /// <summary>The fallback as a traceparent value, or null.</summary>
        public string FallbackTraceParent => Fallback?.ToString();

        /// <summary>The context of the calling thread's current activity, else <see cref="Fallback"/>.</summary>
        public TraceContext Current() => ActivityTraceContext.Current() ?? Fallback;

        /// <summary>
        /// The fallback from <paramref name="traceParent"/> (a parameter) or else the environment. An invalid value is
        /// ignored, as the W3C specification says, with one warning added to <paramref name="warnings"/>.
        /// </summary>
        public static TraceContextSource Resolve(string traceParent, Func<string, string> readVariable, IList<string> warnings)
        {
            string source = "-TraceParent";
            string state = null;
            if (string.IsNullOrEmpty(traceParent))
            {
                traceParent = readVariable("TRACEPARENT");
                state = readVariable("TRACESTATE");
                source = "TRACEPARENT";
            }

            if (string.IsNullOrEmpty(traceParent))
            {
                return None;
            }

            TraceContext context = TraceContext.TryParse(traceParent, state, out string problem);
            if (context == null)
            {
                warnings.Add(source + " '" + traceParent + "' is ignored: " + problem + ".");
                return None;
            }

            return new TraceContextSource(context, source);
        }
    }
}
