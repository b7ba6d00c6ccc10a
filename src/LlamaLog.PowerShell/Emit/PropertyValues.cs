using System;
using System.Collections;
using System.Collections.Generic;
using System.Collections.Specialized;
using System.Management.Automation;
using LlamaLog.Engine.Formatting;

namespace LlamaLog.Emit
{
    /// <summary>
    /// Turns the properties a script gives (a hashtable, an ordered dictionary, PowerShell objects inside) into the
    /// plain values a record carries: PSObject wrappers removed, custom objects as ordered dictionaries, and
    /// dictionaries and lists copied, because the caller may change them after the call while a sink (the OTLP
    /// exporter's thread) still holds the record.
    /// </summary>
    internal static class PropertyValues
    {
        // Deeper values are cut by the formatters (at 64 levels); this only bounds the copy of a cyclic graph.
        private const int MaxCopyDepth = 70;

        /// <summary>The properties in the dictionary's order; throws <see cref="ReservedPropertyException"/> for a reserved key.</summary>
        public static IReadOnlyList<KeyValuePair<string, object>> From(IDictionary properties)
        {
            if (properties == null || properties.Count == 0)
            {
                return null;
            }

            var list = new List<KeyValuePair<string, object>>(properties.Count);
            foreach (DictionaryEntry entry in properties)
            {
                string key = KeyText(entry.Key);
                if (JsonRecordFormatter.IsReserved(key))
                {
                    throw new ReservedPropertyException(key);
                }

                list.Add(new KeyValuePair<string, object>(key, Plain(entry.Value, 0)));
            }

            return list;
        }

        /// <summary>
        /// Bound properties, then a call's own: a key given in both keeps its bound place and takes the call's value,
        /// as structlog's <c>bind</c> then a call's keywords do.
        /// </summary>
        public static IReadOnlyList<KeyValuePair<string, object>> Merge(IReadOnlyList<KeyValuePair<string, object>> bound, IReadOnlyList<KeyValuePair<string, object>> given)
        {
            if (bound == null || bound.Count == 0)
            {
                return given;
            }

            if (given == null || given.Count == 0)
            {
                return bound;
            }

            var merged = new List<KeyValuePair<string, object>>(bound.Count + given.Count);
            merged.AddRange(bound);
            foreach (KeyValuePair<string, object> pair in given)
            {
                int at = merged.FindIndex(p => string.Equals(p.Key, pair.Key, StringComparison.Ordinal));
                if (at >= 0)
                {
                    merged[at] = pair;
                }
                else
                {
                    merged.Add(pair);
                }
            }

            return merged;
        }

        private static string KeyText(object key)
        {
            object value = key is PSObject wrapped ? wrapped.BaseObject : key;
            return value as string ?? LanguagePrimitives.ConvertTo<string>(value) ?? string.Empty;
        }

        private static object Plain(object value, int depth)
        {
            if (value is PSObject wrapped)
            {
                object inner = wrapped.BaseObject;
                if (inner is PSCustomObject)
                {
                    return depth >= MaxCopyDepth ? (object)"<max depth>" : CustomObject(wrapped, depth);
                }

                value = inner;
            }

            switch (value)
            {
                case null:
                case string _:
                case bool _:
                case char _:
                case DateTime _:
                case DateTimeOffset _:
                    return value;
                case IDictionary dictionary:
                    return depth >= MaxCopyDepth ? (object)"<max depth>" : Dictionary(dictionary, depth);
                case IEnumerable sequence:
                    return depth >= MaxCopyDepth ? (object)"<max depth>" : List(sequence, depth);
                default:
                    // Numbers, and anything else, which the formatters write by its type or its invariant string form.
                    return value;
            }
        }

        private static OrderedDictionary CustomObject(PSObject value, int depth)
        {
            var copy = new OrderedDictionary();
            foreach (PSPropertyInfo property in value.Properties)
            {
                object propertyValue;
                try
                {
                    propertyValue = property.Value;
                }
                catch (Exception e) when (e is GetValueException || e is ExtendedTypeSystemException)
                {
                    propertyValue = "<" + e.GetType().Name + ">";
                }

                copy[property.Name] = Plain(propertyValue, depth + 1);
            }

            return copy;
        }

        private static OrderedDictionary Dictionary(IDictionary value, int depth)
        {
            var copy = new OrderedDictionary();
            foreach (DictionaryEntry entry in value)
            {
                object key = entry.Key is PSObject wrapped ? wrapped.BaseObject : entry.Key;
                if (!copy.Contains(key))
                {
                    copy.Add(key, Plain(entry.Value, depth + 1));
                }
            }

            return copy;
        }

        private static object[] List(IEnumerable value, int depth)
        {
            var copy = new List<object>();
            foreach (object item in value)
            {
                copy.Add(Plain(item, depth + 1));
            }

            return copy.ToArray();
        }
    }
}
