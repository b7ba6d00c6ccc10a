using System.Collections.Generic;

namespace LlamaLog.Engine.Records
{
    /// <summary>
    /// One exception of a record, in the shape of structlog's <c>Stack</c> (what <c>dict_tracebacks</c> writes): its
    /// type and message, whether it is the cause of the one before it, its frames, and, for an aggregate
    /// exception, each inner exception as a trace of its own.
    /// </summary>
    public sealed class ExceptionStack
    {
        public ExceptionStack(string typeName, string message, bool isCause, IReadOnlyList<ScriptFrame> frames, IReadOnlyList<IReadOnlyList<ExceptionStack>> groupMembers)
        {
            TypeName = typeName ?? string.Empty;
            Message = message ?? string.Empty;
            IsCause = isCause;
            Frames = frames ?? new ScriptFrame[0];
            GroupMembers = groupMembers;
        }

        /// <summary>The type's full name (<c>System.InvalidOperationException</c>).</summary>
        public string TypeName { get; }

        /// <summary>The type's name without its namespace, as Python's <c>__name__</c> (structlog's <c>exc_type</c>).</summary>
        public string ShortTypeName
        {
            get
            {
                int dot = TypeName.LastIndexOf('.');
                return dot < 0 ? TypeName : TypeName.Substring(dot + 1);
            }
        }

        public string Message { get; }

        /// <summary>True for an inner exception: the cause of the exception listed before it.</summary>
        public bool IsCause { get; }

        /// <summary>The script frames, outermost call first (as a traceback reads).</summary>
        public IReadOnlyList<ScriptFrame> Frames { get; }

        /// <summary>Whether this is an aggregate of exceptions (Python's exception group).</summary>
        public bool IsGroup => GroupMembers != null;

        /// <summary>For an aggregate: each inner exception with its own causes; null otherwise.</summary>
        public IReadOnlyList<IReadOnlyList<ExceptionStack>> GroupMembers { get; }
    }
}
