using System;
using System.Collections;
using System.Text;

namespace LlamaLog.Engine.Formatting
{
    /// <summary>
    /// Writes a dictionary or a list for a value encoder: the brackets, the separators, the nesting path with its
    /// depth cut and cycle check, and the enumeration; the encoder writes the keys, the items and the cuts.
    /// </summary>
    /// <remarks>
    /// The separators are Python's defaults, the same for <c>json.dumps</c> and <c>repr()</c>: <c>", "</c>
    /// between items and <c>": "</c> after a key.
    /// </remarks>
    internal static class ContainerWalk
    {
        public static void WriteDictionary<TEncoder>(StringBuilder output, IDictionary dictionary, ref NestingPath path)
            where TEncoder : struct, IContainerEncoder
        {
            if (!TryOpen<TEncoder>(output, dictionary, ref path, '{'))
            {
                return;
            }

            TEncoder encoder = default;
            bool first = true;
            IDictionaryEnumerator entries = dictionary.GetEnumerator();
            try
            {
                while (entries.MoveNext())
                {
                    if (!first)
                    {
                        output.Append(", ");
                    }

                    first = false;
                    encoder.WriteKey(output, entries.Key, ref path);
                    output.Append(": ");
                    encoder.WriteItem(output, entries.Value, ref path);
                }
            }
            finally
            {
                (entries as IDisposable)?.Dispose();
            }

            output.Append('}');
            path.Exit();
        }

        public static void WriteList<TEncoder>(StringBuilder output, IEnumerable items, ref NestingPath path)
            where TEncoder : struct, IContainerEncoder
        {
            if (!TryOpen<TEncoder>(output, items, ref path, '['))
            {
                return;
            }

            TEncoder encoder = default;
            if (items is IList list)
            {
                // Indexing spares the enumerator an array or List<T> would box.
                for (int i = 0; i < list.Count; i++)
                {
                    if (i > 0)
                    {
                        output.Append(", ");
                    }

                    encoder.WriteItem(output, list[i], ref path);
                }
            }
            else
            {
                bool first = true;
                foreach (object item in items)
                {
                    if (!first)
                    {
                        output.Append(", ");
                    }

                    first = false;
                    encoder.WriteItem(output, item, ref path);
                }
            }

            output.Append(']');
            path.Exit();
        }

        /// <summary>
        /// Enters <paramref name="container"/> and writes <paramref name="open"/>; or, when it is too deep or inside
        /// itself, writes the encoder's cut or cycle in its place and returns false.
        /// </summary>
        private static bool TryOpen<TEncoder>(StringBuilder output, object container, ref NestingPath path, char open)
            where TEncoder : struct, IContainerEncoder
        {
            if (path.TryEnter(container, out bool isCycle))
            {
                output.Append(open);
                return true;
            }

            if (isCycle)
            {
                default(TEncoder).WriteCycle(output, open == '{');
            }
            else
            {
                default(TEncoder).WriteCut(output);
            }

            return false;
        }
    }
}
