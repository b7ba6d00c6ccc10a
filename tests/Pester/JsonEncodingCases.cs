// Test support for JsonEncoding.Tests.ps1, compiled there with Add-Type: builds plain .NET values from the
// golden set's type trees (PowerShell would wrap them in PSObject), checks the encoders against CPython's
// outputs, and generates random values for the fuzz test. The type tree format is described in
// tests/data-gen/make_json_golden.py.
using System;
using System.Collections;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Numerics;
using System.Text;
using System.Text.Json;
using LlamaLog.Engine.Formatting;

namespace LlamaLog.Tests
{
    /// <summary>An ordered dictionary that, unlike .NET's, takes a null key, as a Python dict takes None.</summary>
    public sealed class PairListDictionary : IDictionary
    {
        private readonly List<DictionaryEntry> _entries = new List<DictionaryEntry>();

        public object this[object key]
        {
            get
            {
                int at = IndexOf(key);
                return at < 0 ? null : _entries[at].Value;
            }
            set
            {
                int at = IndexOf(key);
                if (at < 0)
                {
                    _entries.Add(new DictionaryEntry(key, value));
                }
                else
                {
                    _entries[at] = new DictionaryEntry(key, value);
                }
            }
        }

        public ICollection Keys => _entries.ConvertAll(e => e.Key);
        public ICollection Values => _entries.ConvertAll(e => e.Value);
        public bool IsReadOnly => false;
        public bool IsFixedSize => false;
        public int Count => _entries.Count;
        public object SyncRoot => this;
        public bool IsSynchronized => false;

        public void Add(object key, object value) => _entries.Add(new DictionaryEntry(key, value));
        public void Clear() => _entries.Clear();
        public bool Contains(object key) => IndexOf(key) >= 0;
        public void Remove(object key)
        {
            int at = IndexOf(key);
            if (at >= 0)
            {
                _entries.RemoveAt(at);
            }
        }

        public void CopyTo(Array array, int index) => ((ICollection)_entries.ToArray()).CopyTo(array, index);
        public IDictionaryEnumerator GetEnumerator() => new Enumerator(_entries);
        IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

        private int IndexOf(object key) => _entries.FindIndex(e => Equals(e.Key, key));

        private sealed class Enumerator : IDictionaryEnumerator
        {
            private readonly List<DictionaryEntry> _entries;
            private int _at = -1;

            public Enumerator(List<DictionaryEntry> entries) => _entries = entries;

            public DictionaryEntry Entry => _entries[_at];
            public object Key => Entry.Key;
            public object Value => Entry.Value;
            public object Current => Entry;
            public bool MoveNext() => ++_at < _entries.Count;
            public void Reset() => _at = -1;
        }
    }

    /// <summary>Builds the values of the golden set and of the fuzz test, and runs the encoders on them.</summary>
    public static class JsonEncodingCases
    {
        public static string Json(object value)
        {
            var output = new StringBuilder();
            JsonValueWriter.WriteValue(output, value);
            return output.ToString();
        }

        public static string Text(object value)
        {
            var output = new StringBuilder();
            PythonValueText.Append(output, value);
            return output.ToString();
        }

        public static string Repr(object value)
        {
            var output = new StringBuilder();
            PythonValueText.AppendRepr(output, value);
            return output.ToString();
        }

        /// <summary>
        /// Every golden value whose encoding (<paramref name="form"/>: json, str or repr) differs from CPython's,
        /// one line each.
        /// </summary>
        public static string[] GoldenMismatches(string path, string form, out int checkedCount)
        {
            var mismatches = new List<string>();
            checkedCount = 0;
            int lineNumber = 0;
            foreach (string line in File.ReadLines(path, Encoding.UTF8))
            {
                lineNumber++;
                using (JsonDocument document = JsonDocument.Parse(line))
                {
                    JsonElement root = document.RootElement;
                    object value = Build(root.GetProperty("input"));
                    string expected;
                    if (form == "json")
                    {
                        expected = root.GetProperty("json").GetString();
                    }
                    else
                    {
                        expected = ReadText(root.GetProperty(form == "repr" && root.TryGetProperty("repr", out _) ? "repr" : "str"));
                    }

                    string actual;
                    try
                    {
                        actual = form == "json" ? Json(value) : form == "str" ? Text(value) : Repr(value);
                    }
                    catch (Exception e)
                    {
                        actual = e.GetType().Name + ": " + e.Message;
                    }

                    checkedCount++;
                    if (!string.Equals(expected, actual, StringComparison.Ordinal))
                    {
                        mismatches.Add(string.Format(CultureInfo.InvariantCulture, "line {0} {1}: [{2}] instead of [{3}]",
                            lineNumber, root.GetProperty("input").GetRawText(), Visible(actual), Visible(expected)));
                    }
                }
            }

            return mismatches.ToArray();
        }

        /// <summary>A value from its type tree.</summary>
        public static object Build(JsonElement tree)
        {
            switch (tree.ValueKind)
            {
                case JsonValueKind.Null:
                    return null;
                case JsonValueKind.True:
                    return true;
                case JsonValueKind.False:
                    return false;
            }

            string tag = tree[0].GetString();
            JsonElement data = tree[1];
            switch (tag)
            {
                case "s": return ReadText(data);
                case "c": return (char)data.GetInt32();
                case "sbyte": return sbyte.Parse(data.GetString(), CultureInfo.InvariantCulture);
                case "byte": return byte.Parse(data.GetString(), CultureInfo.InvariantCulture);
                case "short": return short.Parse(data.GetString(), CultureInfo.InvariantCulture);
                case "ushort": return ushort.Parse(data.GetString(), CultureInfo.InvariantCulture);
                case "int": return int.Parse(data.GetString(), CultureInfo.InvariantCulture);
                case "uint": return uint.Parse(data.GetString(), CultureInfo.InvariantCulture);
                case "long": return long.Parse(data.GetString(), CultureInfo.InvariantCulture);
                case "ulong": return ulong.Parse(data.GetString(), CultureInfo.InvariantCulture);
                case "big": return BigInteger.Parse(data.GetString(), CultureInfo.InvariantCulture);
                case "d": return BitConverter.Int64BitsToDouble(long.Parse(data.GetString(), NumberStyles.HexNumber, CultureInfo.InvariantCulture));
                case "f": return BitConverter.Int32BitsToSingle(int.Parse(data.GetString(), NumberStyles.HexNumber, CultureInfo.InvariantCulture));
                case "m": return decimal.Parse(data.GetString(), NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture);
                case "t": return new DateTime(data.GetInt64(), tree[2].GetString() == "utc" ? DateTimeKind.Utc : DateTimeKind.Unspecified);
                case "o": return new DateTimeOffset(new DateTime(data.GetInt64()), TimeSpan.FromMinutes(tree[2].GetInt32()));
                case "l":
                    var items = new object[data.GetArrayLength()];
                    for (int i = 0; i < items.Length; i++)
                    {
                        items[i] = Build(data[i]);
                    }

                    return items;
                case "h":
                    var dictionary = new PairListDictionary();
                    foreach (JsonElement pair in data.EnumerateArray())
                    {
                        dictionary.Add(Build(pair[0]), Build(pair[1]));
                    }

                    return dictionary;
                default:
                    throw new InvalidDataException("unknown tag " + tag);
            }
        }

        private static string ReadText(JsonElement data)
        {
            if (data.ValueKind == JsonValueKind.String)
            {
                return data.GetString();
            }

            string hex = data.GetProperty("u16").GetString();
            var text = new StringBuilder(hex.Length / 4);
            for (int i = 0; i < hex.Length; i += 4)
            {
                text.Append((char)int.Parse(hex.Substring(i, 4), NumberStyles.HexNumber, CultureInfo.InvariantCulture));
            }

            return text.ToString();
        }

        /// <summary>Text for a failure message: anything outside printable ASCII as \uXXXX.</summary>
        public static string Visible(string text)
        {
            var output = new StringBuilder();
            foreach (char c in text)
            {
                if (c >= ' ' && c <= '~')
                {
                    output.Append(c);
                }
                else
                {
                    output.Append("\\u").Append(((int)c).ToString("X4", CultureInfo.InvariantCulture));
                }
            }

            return output.ToString();
        }

        /// <summary>
        /// Random values from a fixed seed: each as its type tree (one JSON line) and the writer's JSON. Keys of
        /// a dictionary differ in their JSON text, so that reading it back keeps every entry.
        /// </summary>
        public static string[][] Fuzz(int seed, int count)
        {
            var random = new Random(seed);
            var cases = new string[count][];
            for (int i = 0; i < count; i++)
            {
                var buffer = new MemoryStream();
                object value;
                using (var tree = new Utf8JsonWriter(buffer))
                {
                    value = RandomValue(random, tree, 0);
                }

                cases[i] = new[] { Encoding.UTF8.GetString(buffer.ToArray()), Json(value) };
            }

            return cases;
        }

        private static object RandomValue(Random random, Utf8JsonWriter tree, int depth)
        {
            int pick = random.Next(100);
            if (depth < 5 && pick < 12)
            {
                int length = random.Next(6);
                var items = new List<object>();
                tree.WriteStartArray();
                tree.WriteStringValue("l");
                tree.WriteStartArray();
                for (int i = 0; i < length; i++)
                {
                    items.Add(RandomValue(random, tree, depth + 1));
                }

                tree.WriteEndArray();
                tree.WriteEndArray();
                // Both an array and a List<T>: the writer indexes IList and enumerates others alike.
                return random.Next(2) == 0 ? (object)items.ToArray() : items;
            }

            if (depth < 5 && pick < 22)
            {
                int length = random.Next(6);
                var dictionary = new PairListDictionary();
                var keyTexts = new HashSet<string>(StringComparer.Ordinal);
                tree.WriteStartArray();
                tree.WriteStringValue("h");
                tree.WriteStartArray();
                for (int i = 0; i < length; i++)
                {
                    object key = RandomKey(random);
                    if (!keyTexts.Add(Json(new PairListDictionary { { key, null } })))
                    {
                        continue;
                    }

                    tree.WriteStartArray();
                    WriteScalarTree(tree, key);
                    dictionary.Add(key, RandomValue(random, tree, depth + 1));
                    tree.WriteEndArray();
                }

                tree.WriteEndArray();
                tree.WriteEndArray();
                return dictionary;
            }

            object scalar = RandomScalar(random);
            WriteScalarTree(tree, scalar);
            return scalar;
        }

        private static object RandomKey(Random random)
        {
            switch (random.Next(6))
            {
                case 0: return random.Next(-1000, 1000);
                case 1: return random.NextDouble() * Math.Pow(10, random.Next(-8, 20));
                case 2: return random.Next(2) == 0;
                case 3: return null;
                default: return RandomString(random);
            }
        }

        private static object RandomScalar(Random random)
        {
            switch (random.Next(14))
            {
                case 0: return null;
                case 1: return random.Next(2) == 0;
                case 2: return (long)((ulong)random.Next() << 33 ^ (ulong)random.Next() << 2 ^ (ulong)random.Next(4));
                case 3: return BitConverter.Int64BitsToDouble((long)((ulong)random.Next() << 33 ^ (ulong)random.Next() << 2 ^ (ulong)random.Next(4)));
                case 4: return BitConverter.Int32BitsToSingle(random.Next() ^ (random.Next(2) << 31));
                case 5: return new BigInteger(RandomBytes(random, random.Next(1, 40)));
                case 6: return new decimal(random.Next(), random.Next(), random.Next(), random.Next(2) == 0, (byte)random.Next(29));
                case 7: return new DateTime((long)(random.NextDouble() * DateTime.MaxValue.Ticks), random.Next(2) == 0 ? DateTimeKind.Utc : DateTimeKind.Unspecified);
                case 8:
                    return new DateTimeOffset(new DateTime(TimeSpan.TicksPerDay + (long)(random.NextDouble() * (DateTime.MaxValue.Ticks - (2 * TimeSpan.TicksPerDay)))),
                        TimeSpan.FromMinutes(random.Next(-840, 841)));
                case 9: return (char)random.Next(0x10000);
                case 10: return (double)random.Next(-100000, 100000) / Math.Pow(10, random.Next(0, 8));
                default: return RandomString(random);
            }
        }

        private static byte[] RandomBytes(Random random, int length)
        {
            var bytes = new byte[length];
            random.NextBytes(bytes);
            return bytes;
        }

        private static string RandomString(Random random)
        {
            var text = new StringBuilder();
            int length = random.Next(0, 24);
            for (int i = 0; i < length; i++)
            {
                int pick = random.Next(100);
                if (pick < 40)
                {
                    text.Append((char)random.Next(0x20, 0x7F));
                }
                else if (pick < 50)
                {
                    text.Append((char)random.Next(0x00, 0x20));
                }
                else if (pick < 58)
                {
                    text.Append("\u2028\u2029\u007F\u0085\u00A0\"\\'"[random.Next(8)]);
                }
                else if (pick < 70)
                {
                    text.Append((char)random.Next(0xD800, 0xE000));
                }
                else if (pick < 82)
                {
                    text.Append(char.ConvertFromUtf32(random.Next(0x10000, 0x110000)));
                }
                else
                {
                    int c = random.Next(0x80, 0x10000);
                    text.Append(c >= 0xD800 && c < 0xE000 ? '\u263A' : (char)c);
                }
            }

            return text.ToString();
        }

        private static void WriteScalarTree(Utf8JsonWriter tree, object value)
        {
            if (value == null)
            {
                tree.WriteNullValue();
                return;
            }

            if (value is bool flag)
            {
                tree.WriteBooleanValue(flag);
                return;
            }

            tree.WriteStartArray();
            switch (value)
            {
                case string text:
                    tree.WriteStringValue("s");
                    tree.WriteStartObject();
                    tree.WriteString("u16", Hex(text));
                    tree.WriteEndObject();
                    break;
                case char c:
                    tree.WriteStringValue("c");
                    tree.WriteNumberValue((int)c);
                    break;
                case int number:
                    tree.WriteStringValue("int");
                    tree.WriteStringValue(number.ToString(CultureInfo.InvariantCulture));
                    break;
                case long number:
                    tree.WriteStringValue("long");
                    tree.WriteStringValue(number.ToString(CultureInfo.InvariantCulture));
                    break;
                case BigInteger number:
                    tree.WriteStringValue("big");
                    tree.WriteStringValue(number.ToString(CultureInfo.InvariantCulture));
                    break;
                case double number:
                    tree.WriteStringValue("d");
                    tree.WriteStringValue(BitConverter.DoubleToInt64Bits(number).ToString("x16", CultureInfo.InvariantCulture));
                    break;
                case float number:
                    tree.WriteStringValue("f");
                    tree.WriteStringValue(BitConverter.SingleToInt32Bits(number).ToString("x8", CultureInfo.InvariantCulture));
                    break;
                case decimal number:
                    tree.WriteStringValue("m");
                    tree.WriteStringValue(number.ToString(CultureInfo.InvariantCulture));
                    break;
                case DateTime time:
                    tree.WriteStringValue("t");
                    tree.WriteNumberValue(time.Ticks);
                    tree.WriteStringValue(time.Kind == DateTimeKind.Utc ? "utc" : "unspecified");
                    break;
                case DateTimeOffset time:
                    tree.WriteStringValue("o");
                    tree.WriteNumberValue(time.Ticks);
                    tree.WriteNumberValue((int)time.Offset.TotalMinutes);
                    break;
                default:
                    throw new ArgumentException("no type tree for " + value.GetType());
            }

            tree.WriteEndArray();
        }

        private static string Hex(string text)
        {
            var hex = new StringBuilder(text.Length * 4);
            foreach (char c in text)
            {
                hex.Append(((int)c).ToString("x4", CultureInfo.InvariantCulture));
            }

            return hex.ToString();
        }
    }
}
