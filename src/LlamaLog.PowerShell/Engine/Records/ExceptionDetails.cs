using System;
using System.Collections.Generic;

namespace LlamaLog.Engine.Records
{
    /// <summary>
    /// What a record shows of an exception: the exception, its inner exceptions (every one of an aggregate, and
    /// theirs) and the PowerShell script stack trace. Plain data, so the engine needs no PowerShell types.
    /// </summary>
    public sealed class ExceptionDetails
    {
        // Exception graphs can be deep or cyclic through custom InnerException overrides; this bounds the walk.
        private const int MaxExceptions = 1000;

        public ExceptionDetails(IReadOnlyList<ExceptionStack> stacks, IReadOnlyList<string> scriptStackTrace)
        {
            Stacks = stacks ?? new ExceptionStack[0];
            ScriptStackTrace = scriptStackTrace ?? new string[0];
        }

        private ExceptionDetails(string writtenText)
            : this(null, null)
        {
            WrittenText = writtenText;
        }

        /// <summary>
        /// Details known only as text already written (a record read back from a log): <see cref="Lines"/> gives that
        /// text's lines as they were, and a JSON line has it as a string.
        /// </summary>
        public string WrittenText { get; }

        /// <summary>The exception first, then each inner exception (<see cref="ExceptionStack.IsCause"/>).</summary>
        public IReadOnlyList<ExceptionStack> Stacks { get; }

        /// <summary>The frames of the script stack trace, innermost first (as PowerShell prints them).</summary>
        public IReadOnlyList<string> ScriptStackTrace { get; }

        /// <summary>Details that are the text a log already holds (a traceback, LlamaLog's indented lines without their indent).</summary>
        public static ExceptionDetails FromWrittenText(string text)
        {
            return new ExceptionDetails(text ?? string.Empty);
        }

        /// <summary>Builds the details of an exception: its inner exceptions, aggregate ones each in full.</summary>
        public static ExceptionDetails From(Exception exception, string scriptStackTrace)
        {
            var frameTexts = new List<string>();
            if (!string.IsNullOrEmpty(scriptStackTrace))
            {
                foreach (string frame in scriptStackTrace.Split('\n'))
                {
                    string trimmed = frame.TrimEnd('\r');
                    if (trimmed.Trim().Length > 0)
                    {
                        frameTexts.Add(trimmed);
                    }
                }
            }

            var frames = new List<ScriptFrame>(frameTexts.Count);
            for (int i = frameTexts.Count - 1; i >= 0; i--)
            {
                frames.Add(ScriptFrame.Parse(frameTexts[i]));
            }

            int budget = MaxExceptions;
            return new ExceptionDetails(Chain(exception, frames, new HashSet<Exception>(), ref budget), frameTexts);
        }

        /// <summary>
        /// The detail lines, without indentation: the traceback heading and frames, then <c>Type: message</c> for
        /// each exception, inner ones introduced as Python introduces a cause and aggregate members numbered.
        /// </summary>
        public IEnumerable<string> Lines()
        {
            if (WrittenText != null)
            {
                foreach (string line in WrittenText.Replace("\r\n", "\n").Split('\n'))
                {
                    yield return line;
                }

                yield break;
            }

            if (ScriptStackTrace.Count > 0)
            {
                yield return "Traceback (most recent call last):";
                for (int i = ScriptStackTrace.Count - 1; i >= 0; i--)
                {
                    yield return "  " + ScriptStackTrace[i];
                }
            }

            foreach (KeyValuePair<string, string> line in ExceptionLines())
            {
                yield return line.Key + line.Value;
            }
        }

        /// <summary>
        /// The exception lines as (lead, text) pairs: a lead is the exception's <c>Type: </c> (empty on headings and
        /// on a message's later lines), so a renderer can style it apart.
        /// </summary>
        public IEnumerable<KeyValuePair<string, string>> ExceptionLines()
        {
            var lines = new List<KeyValuePair<string, string>>();
            if (WrittenText != null)
            {
                foreach (string line in Lines())
                {
                    lines.Add(new KeyValuePair<string, string>(string.Empty, line));
                }

                return lines;
            }

            AppendLines(lines, Stacks, string.Empty);
            return lines;
        }

        private static void AppendLines(List<KeyValuePair<string, string>> lines, IReadOnlyList<ExceptionStack> stacks, string indent)
        {
            foreach (ExceptionStack stack in stacks)
            {
                if (stack.IsCause)
                {
                    lines.Add(new KeyValuePair<string, string>(string.Empty, indent + "Caused by (inner exception):"));
                }

                string[] messageLines = stack.Message.Replace("\r\n", "\n").Split('\n');
                lines.Add(new KeyValuePair<string, string>(indent + stack.TypeName + ": ", messageLines[0]));
                for (int j = 1; j < messageLines.Length; j++)
                {
                    lines.Add(new KeyValuePair<string, string>(string.Empty, indent + "  " + messageLines[j]));
                }

                if (stack.GroupMembers != null)
                {
                    for (int m = 0; m < stack.GroupMembers.Count; m++)
                    {
                        lines.Add(new KeyValuePair<string, string>(string.Empty, indent + "Inner exception " + (m + 1).ToString(System.Globalization.CultureInfo.InvariantCulture)
                            + " of " + stack.GroupMembers.Count.ToString(System.Globalization.CultureInfo.InvariantCulture) + ":"));
                        AppendLines(lines, stack.GroupMembers[m], indent + "  ");
                    }
                }
            }
        }

        private static List<ExceptionStack> Chain(Exception exception, IReadOnlyList<ScriptFrame> frames, HashSet<Exception> seen, ref int budget)
        {
            var stacks = new List<ExceptionStack>();
            bool isCause = false;
            for (Exception current = exception; current != null && budget > 0 && seen.Add(current); isCause = true)
            {
                budget--;
                List<IReadOnlyList<ExceptionStack>> members = null;
                if (current is AggregateException aggregate)
                {
                    // Every inner exception, each with its own causes; an aggregate's InnerException is only its first.
                    members = new List<IReadOnlyList<ExceptionStack>>();
                    foreach (Exception inner in aggregate.InnerExceptions)
                    {
                        members.Add(Chain(inner, null, seen, ref budget));
                    }
                }

                stacks.Add(new ExceptionStack(current.GetType().FullName, SafeMessage(current), isCause, isCause ? null : frames, members));
                current = members != null ? null : current.InnerException;
            }

            return stacks;
        }

        private static string SafeMessage(Exception exception)
        {
            try
            {
                return exception.Message;
            }
            catch (Exception e)
            {
                // A Message getter that throws must not lose the record (structlog's safe_str does the same).
                return "<message error: " + e.GetType().Name + ">";
            }
        }
    }
}
