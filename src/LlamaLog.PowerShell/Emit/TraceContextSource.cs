using LlamaLog.Engine.Records;

namespace LlamaLog.Emit
{
    // PLACEHOLDER until the otlp branch merges (its TraceContextSource replaces this one).
    internal static class TraceContextSource
    {
        public static TraceContext Current() => null;
    }
}
