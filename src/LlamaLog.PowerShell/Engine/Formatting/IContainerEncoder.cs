using System.Text;

namespace LlamaLog.Engine.Formatting
{
    /// <summary>
    /// What a value encoder writes inside a container that <see cref="ContainerWalk"/> walks: an item, a dictionary
    /// key, and a container it does not enter (too deep, or inside itself).
    /// </summary>
    /// <remarks>
    /// Implemented by empty structs and passed as a type argument, so the walk is compiled once per encoder and
    /// its calls are direct: nothing is allocated per value.
    /// </remarks>
    internal interface IContainerEncoder
    {
        /// <summary>Writes a list item or a dictionary value (recursing into it through the walk).</summary>
        void WriteItem(StringBuilder output, object value, ref NestingPath path);

        /// <summary>Writes a dictionary key.</summary>
        void WriteKey(StringBuilder output, object key, ref NestingPath path);

        /// <summary>Writes a container nested deeper than <see cref="JsonValueWriter.MaxDepth"/>.</summary>
        void WriteCut(StringBuilder output);

        /// <summary>Writes a container met again inside itself; <paramref name="isDictionary"/> tells which kind.</summary>
        void WriteCycle(StringBuilder output, bool isDictionary);
    }
}
