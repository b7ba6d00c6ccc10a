using System;

namespace LlamaLog.Engine.Markup
{
    /// <summary>
    /// The spans covering the current position, kept in list order with the combined style of every prefix.
    /// Spans usually enter and leave at the top (nested markup, short highlights), which costs O(1); a span
    /// leaving from the middle re-combines only the entries above it.
    /// </summary>
    internal sealed class ActiveStyles
    {
        private int[] order = new int[16];
        private TextStyle[] styles = new TextStyle[16];
        private StyleState[] combined = new StyleState[16];
        private int count;

        public StyleState Current => count == 0 ? new StyleState { LinkOwner = -1 } : combined[count - 1];

        public void Clear()
        {
            Array.Clear(styles, 0, count);
            count = 0;
        }

        public void Enter(int precedence, TextStyle style)
        {
            if (count == order.Length)
            {
                Array.Resize(ref order, count * 2);
                Array.Resize(ref styles, count * 2);
                Array.Resize(ref combined, count * 2);
            }

            int at = count;
            while (at > 0 && order[at - 1] > precedence)
            {
                at--;
            }

            if (at < count)
            {
                Array.Copy(order, at, order, at + 1, count - at);
                Array.Copy(styles, at, styles, at + 1, count - at);
            }

            order[at] = precedence;
            styles[at] = style;
            count++;
            Recombine(at);
        }

        public void Leave(int precedence)
        {
            int at = count - 1;
            while (at >= 0 && order[at] != precedence)
            {
                at--;
            }

            if (at < 0)
            {
                return;
            }

            count--;
            if (at < count)
            {
                Array.Copy(order, at + 1, order, at, count - at);
                Array.Copy(styles, at + 1, styles, at, count - at);
                Recombine(at);
            }

            styles[count] = null;
        }

        private void Recombine(int from)
        {
            for (int i = from; i < count; i++)
            {
                combined[i] = i == 0 ? StyleState.From(styles[0], order[0]) : combined[i - 1].Then(styles[i], order[i]);
            }
        }
    }
}
