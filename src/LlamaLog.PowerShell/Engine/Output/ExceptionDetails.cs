using System;
using System.Collections.Generic;

namespace LlamaLog.Engine.Output
{
    /// <summary>
    /// What a record shows of an exception: the chain of types and messages (outermost first) and the
    /// PowerShell script stack trace. Plain data, so the engine needs no PowerShell types.
    /// </summary>
    public sealed class ExceptionDetails
    {
        public ExceptionDetails(IReadOnlyList<KeyValuePair<string, string>> chain, IReadOnlyList<string> scriptStackTrace)
        {
            Chain = chain ?? new KeyValuePair<string, string>[0];
            ScriptStackTrace = scriptStackTrace ?? new string[0];
        }

        /// <summary>Exception type full name and message, the outermost first, then each inner exception.</summary>
        public IReadOnlyList<KeyValuePair<string, string>> Chain { get; }

        /// <summary>The frames of the script stack trace, innermost first (as PowerShell prints them).</summary>
        public IReadOnlyList<string> ScriptStackTrace { get; }

        /// <summary>Builds the chain from an exception and its inner exceptions (aggregate ones included).</summary>
        public static ExceptionDetails From(Exception exception, string scriptStackTrace)
        {
            var chain = new List<KeyValuePair<string, string>>();
            var seen = new HashSet<Exception>();
            for (Exception current = exception; current != null && seen.Add(current); current = current.InnerException)
            {
                chain.Add(new KeyValuePair<string, string>(current.GetType().FullName, current.Message));
            }

            var frames = new List<string>();
            if (!string.IsNullOrEmpty(scriptStackTrace))
            {
                foreach (string frame in scriptStackTrace.Split('\n'))
                {
                    string trimmed = frame.TrimEnd('\r');
                    if (trimmed.Length > 0)
                    {
                        frames.Add(trimmed);
                    }
                }
            }

            return new ExceptionDetails(chain, frames);
        }

        /// <summary>
        /// The detail lines, without indentation: the traceback heading, the frames, then <c>Type: message</c> for
        /// each exception of the chain, inner ones introduced as Python introduces a cause.
        /// </summary>
        public IEnumerable<string> Lines()
        {
            if (ScriptStackTrace.Count > 0)
            {
                yield return "Traceback (most recent call last):";
                for (int i = ScriptStackTrace.Count - 1; i >= 0; i--)
                {
                    yield return "  " + ScriptStackTrace[i];
                }
            }

            for (int i = 0; i < Chain.Count; i++)
            {
                if (i > 0)
                {
                    yield return "Caused by (inner exception):";
                }

                string[] messageLines = (Chain[i].Value ?? string.Empty).Replace("\r\n", "\n").Split('\n');
                yield return Chain[i].Key + ": " + messageLines[0];
                for (int j = 1; j < messageLines.Length; j++)
                {
                    yield return "  " + messageLines[j];
                }
            }
        }
    }
}
