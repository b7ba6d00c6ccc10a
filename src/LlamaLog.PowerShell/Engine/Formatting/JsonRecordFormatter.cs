using System;
using System.Collections.Generic;
using System.Text;
using LlamaLog.Engine.Levels;
using LlamaLog.Engine.Records;

namespace LlamaLog.Engine.Formatting
{
    /// <summary>
    /// OGX's JSON line (structlog's JSONRenderer, which is <c>json.dumps</c> with its defaults): <c>category</c>, the
    /// record's properties in their order, <c>event</c> (the message as plain text), <c>level</c> (lowercase),
    /// <c>logger</c>, <c>timestamp</c> (UTC, ISO 8601 with <c>Z</c>); then LlamaLog's own keys: <c>lineno</c>, and
    /// <c>trace_id</c>/<c>span_id</c> and <c>exception</c> (structlog's <c>dict_tracebacks</c> shape) when the record
    /// has them. One line per record: newlines in values are escaped.
    /// </summary>
    public sealed class JsonRecordFormatter : IRecordFormatter
    {
        public static readonly JsonRecordFormatter Instance = new JsonRecordFormatter();

        /// <summary>The keys a record writes itself; a property may not take one of them.</summary>
        public static readonly IReadOnlyList<string> ReservedKeys = new[]
        {
            "category", "event", "level", "logger", "timestamp", "lineno", "trace_id", "span_id", "exception",
        };

        // Per thread: the UTC second last formatted ("2026-12-04T21:00:05"), since records come many to a second.
        [ThreadStatic]
        private static string secondText;

        [ThreadStatic]
        private static long secondTicks;

        private JsonRecordFormatter()
        {
        }

        public void Format(LogRecord record, StringBuilder output)
        {
            AppendObject(record, output);
            output.Append(Environment.NewLine);
        }

        /// <summary>Whether <paramref name="key"/> is one of <see cref="ReservedKeys"/>.</summary>
        public static bool IsReserved(string key)
        {
            foreach (string reserved in ReservedKeys)
            {
                if (string.Equals(reserved, key, StringComparison.Ordinal))
                {
                    return true;
                }
            }

            return false;
        }

        /// <summary>Appends the record's JSON object, without a line end.</summary>
        public static void AppendObject(LogRecord record, StringBuilder output)
        {
            output.Append("{\"category\": ");
            JsonValueWriter.WriteString(output, record.Category);
            IReadOnlyList<KeyValuePair<string, object>> properties = record.Properties;
            for (int i = 0; i < properties.Count; i++)
            {
                output.Append(", ");
                JsonValueWriter.WriteString(output, properties[i].Key);
                output.Append(": ");
                JsonValueWriter.WriteValue(output, properties[i].Value);
            }

            output.Append(", \"event\": ");
            JsonValueWriter.WriteString(output, record.PlainMessage);
            output.Append(", \"level\": ");
            JsonValueWriter.WriteString(output, LevelNames.ToStructlogName(record.Level));
            output.Append(", \"logger\": ");
            JsonValueWriter.WriteString(output, record.Name);
            output.Append(", \"timestamp\": \"");
            AppendTimestamp(output, record.Time);
            output.Append("\", \"lineno\": ");
            output.Append(record.Line.ToString(System.Globalization.CultureInfo.InvariantCulture));
            if (record.Trace != null)
            {
                output.Append(", \"trace_id\": \"").Append(record.Trace.TraceId).Append("\", \"span_id\": \"").Append(record.Trace.SpanId).Append('"');
            }

            if (record.Exception != null)
            {
                output.Append(", \"exception\": ");
                if (record.Exception.WrittenText != null)
                {
                    // Read back from a log, where it was already text: it stays that text.
                    JsonValueWriter.WriteString(output, record.Exception.WrittenText);
                }
                else
                {
                    AppendStacks(output, record.Exception.Stacks);
                }
            }

            output.Append('}');
        }

        /// <summary>
        /// structlog's <c>TimeStamper(fmt="iso")</c>: <c>datetime.now(timezone.utc).isoformat()</c> with <c>+00:00</c> as
        /// <c>Z</c>; microseconds are printed only when not zero, as Python's isoformat does.
        /// </summary>
        public static void AppendTimestamp(StringBuilder output, DateTime time)
        {
            DateTime utc = time.Kind == DateTimeKind.Utc ? time : time.ToUniversalTime();
            long second = utc.Ticks - (utc.Ticks % TimeSpan.TicksPerSecond);
            if (secondText == null || second != secondTicks)
            {
                secondText = utc.ToString("yyyy'-'MM'-'dd'T'HH':'mm':'ss", System.Globalization.CultureInfo.InvariantCulture);
                secondTicks = second;
            }

            output.Append(secondText);
            int microseconds = (int)(utc.Ticks % TimeSpan.TicksPerSecond / 10);
            if (microseconds != 0)
            {
                output.Append('.');
                for (int divisor = 100000; divisor > 0; divisor /= 10)
                {
                    output.Append((char)('0' + (microseconds / divisor % 10)));
                }
            }

            output.Append('Z');
        }

        private static void AppendStacks(StringBuilder output, IReadOnlyList<ExceptionStack> stacks)
        {
            output.Append('[');
            for (int i = 0; i < stacks.Count; i++)
            {
                if (i > 0)
                {
                    output.Append(", ");
                }

                ExceptionStack stack = stacks[i];
                output.Append("{\"exc_type\": ");
                JsonValueWriter.WriteString(output, stack.ShortTypeName);
                output.Append(", \"exc_value\": ");
                JsonValueWriter.WriteString(output, stack.Message);
                output.Append(", \"exc_notes\": [], \"syntax_error\": null, \"is_cause\": ").Append(stack.IsCause ? "true" : "false");
                output.Append(", \"frames\": [");
                for (int f = 0; f < stack.Frames.Count; f++)
                {
                    ScriptFrame frame = stack.Frames[f];
                    output.Append(f > 0 ? ", " : string.Empty).Append("{\"filename\": ");
                    JsonValueWriter.WriteString(output, frame.FileName);
                    output.Append(", \"lineno\": ").Append(frame.Line.ToString(System.Globalization.CultureInfo.InvariantCulture)).Append(", \"name\": ");
                    JsonValueWriter.WriteString(output, frame.Name);
                    output.Append('}');
                }

                output.Append("], \"is_group\": ").Append(stack.IsGroup ? "true" : "false").Append(", \"exceptions\": [");
                if (stack.GroupMembers != null)
                {
                    for (int m = 0; m < stack.GroupMembers.Count; m++)
                    {
                        if (m > 0)
                        {
                            output.Append(", ");
                        }

                        AppendStacks(output, stack.GroupMembers[m]);
                    }
                }

                output.Append("]}");
            }

            output.Append(']');
        }
    }
}
