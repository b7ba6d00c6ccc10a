using System;

namespace LlamaLog.Emit
{
    /// <summary>A property named like a key the record writes itself (category, event, level, ...).</summary>
    public sealed class ReservedPropertyException : ArgumentException
    {
        public ReservedPropertyException(string key)
            : base("The property '" + key + "' cannot be given: '" + key + "' is a key every record writes itself ("
                + string.Join(", ", Engine.Formatting.JsonRecordFormatter.ReservedKeys) + "). Rename the property; nothing was written.")
        {
            Key = key;
        }

        public string Key { get; }
    }
}
