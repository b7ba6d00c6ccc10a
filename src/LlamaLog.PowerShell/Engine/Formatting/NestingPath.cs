using System;

namespace LlamaLog.Engine.Formatting
{
    /// <summary>
    /// The containers (dictionaries and lists) being written, from the top value down, so that the value
    /// encoders stop at <see cref="JsonValueWriter.MaxDepth"/> and at a container that holds itself.
    /// </summary>
    /// <remarks>
    /// Depth counts containers: the top value, when it is a container, is at depth 1, a container directly
    /// inside it at depth 2. A value with 64 levels of containers is written whole; a container at depth 65
    /// is cut (written as the cut marker), and nothing inside it is enumerated, so a 10,000-deep list costs
    /// 64 levels of recursion. A container already on the path (a cycle) is cut where it recurs: cut at
    /// depth 64 instead, a dictionary holding itself twice would be written 2^64 times.
    /// </remarks>
    internal struct NestingPath
    {
        private object[] _containers;
        private int _depth;

        /// <summary>Enters <paramref name="container"/>; false (and nothing entered) when it is too deep.</summary>
        public bool TryEnter(object container, out bool isCycle)
        {
            isCycle = false;
            if (_depth >= JsonValueWriter.MaxDepth)
            {
                return false;
            }

            if (_containers == null)
            {
                // Allocated at the first container only (most values are scalars), small (most nest little).
                _containers = new object[4];
            }
            else if (_depth == _containers.Length)
            {
                Array.Resize(ref _containers, Math.Min(_depth * 2, JsonValueWriter.MaxDepth));
            }

            for (int i = 0; i < _depth; i++)
            {
                if (ReferenceEquals(_containers[i], container))
                {
                    isCycle = true;
                    return false;
                }
            }

            _containers[_depth++] = container;
            return true;
        }

        public void Exit()
        {
            _containers[--_depth] = null;
        }
    }
}
