using System;
using System.Collections.Generic;
using System.Text;
using System.Threading;

namespace LlamaLog.Engine.Levels
{
    /// <summary>
    /// The one table of levels for the whole process, shared by every runspace and thread.
    /// The category-to-slot map is copy-on-write (it changes only when a category is registered), and each
    /// slot holds its level in one volatile reference, so reads never lock.
    /// </summary>
    public static class CategoryLevels
    {
        public const int DefaultLevel = 20;
        public const int Unset = -1;
        public const string DefaultSource = "Default";

        private static readonly object Gate = new object();
        private static readonly CategorySlot RootSlot = new CategorySlot(CategoryNames.Root, new LevelSetting(Unset, DefaultSource));
        private static Dictionary<string, CategorySlot> slots = CreateInitialSlots();
        private static string[] order = new List<string>(CategoryNames.Predefined).ToArray();

        // a::b names already resolved to their parent's slot, so a filtered-out record of a sub-category allocates
        // nothing. Only found slots are kept (slots are never removed), and only so many names.
        private const int MaxCachedSubCategories = 4096;
        private static readonly System.Collections.Concurrent.ConcurrentDictionary<string, CategorySlot> SubCategories =
            new System.Collections.Concurrent.ConcurrentDictionary<string, CategorySlot>(StringComparer.Ordinal);

        /// <summary>The known categories, predefined first, then registered ones in registration order.</summary>
        public static IReadOnlyList<string> Categories => Volatile.Read(ref order);

        /// <summary>The root level, or <see cref="Unset"/>.</summary>
        public static CategorySlot Root => RootSlot;

        /// <summary>Whether a name is a predefined or registered category (not <c>all</c>, <c>root</c> or <c>uncategorized</c>).</summary>
        public static bool IsCategory(string name)
        {
            return name != null && Volatile.Read(ref slots).ContainsKey(name);
        }

        /// <summary>
        /// The slot whose level filters records of a message category: the category's own, the parent's for
        /// <c>a::b</c>, the root for <c>uncategorized</c>; null when the category is unknown.
        /// </summary>
        public static CategorySlot ResolveMessageSlot(string category)
        {
            if (category == null)
            {
                return null;
            }

            Dictionary<string, CategorySlot> map = Volatile.Read(ref slots);
            if (map.TryGetValue(category, out CategorySlot slot))
            {
                return slot;
            }

            if (string.Equals(category, CategoryNames.Uncategorized, StringComparison.Ordinal))
            {
                return RootSlot;
            }

            if (SubCategories.TryGetValue(category, out slot))
            {
                return slot;
            }

            string parent = CategoryNames.ParentOf(category);
            if (parent != null && map.TryGetValue(parent, out slot))
            {
                if (SubCategories.Count < MaxCachedSubCategories)
                {
                    SubCategories.TryAdd(category, slot);
                }

                return slot;
            }

            return null;
        }

        /// <summary>The level a slot filters at; the unset root means the default, as the seed's <c>get_logger</c> does.</summary>
        public static int EffectiveLevel(CategorySlot slot)
        {
            int value = slot.Level;
            return value < 0 ? DefaultLevel : value;
        }

        /// <summary>
        /// How many categories an error message lists: every predefined one and a few dozen of a script's own. A
        /// process with thousands registered would otherwise get a message of a hundred thousand characters.
        /// </summary>
        public const int MaxListedCategories = 50;

        /// <summary>
        /// The seed's <c>ValueError</c> text for a message category that is not known, with PowerShell's way to add a
        /// category (Register-LlamaLogCategory) where the seed says to edit its CATEGORIES list, and the list capped.
        /// </summary>
        public static string UnknownMessageCategoryText(string category)
        {
            List<string> listed = ListedCategories(out string more);
            return "Unknown logging category: " + category
                + ". To resolve, choose a valid category from the available categories or add it with Register-LlamaLogCategory. Available categories: "
                + PythonListRepr(listed) + more;
        }

        /// <summary>
        /// The first <see cref="MaxListedCategories"/> categories in order, and the text that follows them: empty when
        /// they are all, else " and N more (Get-LlamaLogLevel lists them all)".
        /// </summary>
        public static List<string> ListedCategories(out string more)
        {
            IReadOnlyList<string> all = Categories;
            int count = Math.Min(all.Count, MaxListedCategories);
            var listed = new List<string>(count);
            for (int i = 0; i < count; i++)
            {
                listed.Add(all[i]);
            }

            more = all.Count > count
                ? " and " + (all.Count - count).ToString(System.Globalization.CultureInfo.InvariantCulture) + " more (Get-LlamaLogLevel lists them all)"
                : string.Empty;
            return listed;
        }

        /// <summary>
        /// Sets one name: a category, <c>root</c>, or <c>all</c> (every category and the root).
        /// Returns false, changing nothing, when the name is none of these.
        /// </summary>
        public static bool Set(string name, int value, string source)
        {
            var setting = new LevelSetting(value, source);
            lock (Gate)
            {
                return SetLocked(name, setting);
            }
        }

        /// <summary>
        /// Every category back to the default and the root unset, as <c>setup_logging</c> starts, then the
        /// entries, under one lock so no other writer interleaves.
        /// </summary>
        public static void ResetAndApply(IEnumerable<KeyValuePair<string, int>> entries, string source)
        {
            var setting = new LevelSetting(DefaultLevel, DefaultSource);
            lock (Gate)
            {
                foreach (CategorySlot slot in Volatile.Read(ref slots).Values)
                {
                    slot.Setting = setting;
                }

                RootSlot.Setting = new LevelSetting(Unset, DefaultSource);
                foreach (KeyValuePair<string, int> entry in entries)
                {
                    SetLocked(entry.Key, new LevelSetting(entry.Value, source));
                }
            }
        }

        /// <summary>Adds a category at the default level. Returns false when it was already known.</summary>
        public static bool Register(string name)
        {
            if (!CategoryNames.IsValidNewName(name))
            {
                throw new ArgumentException("'" + name + "' is not a valid category name: use lower-case letters, digits and '_'.", nameof(name));
            }

            if (string.Equals(name, CategoryNames.All, StringComparison.Ordinal)
                || string.Equals(name, CategoryNames.Root, StringComparison.Ordinal)
                || string.Equals(name, CategoryNames.Uncategorized, StringComparison.Ordinal))
            {
                throw new ArgumentException("'" + name + "' is a reserved word, not a category name.", nameof(name));
            }

            lock (Gate)
            {
                Dictionary<string, CategorySlot> current = Volatile.Read(ref slots);
                if (current.ContainsKey(name))
                {
                    return false;
                }

                var copy = new Dictionary<string, CategorySlot>(current, StringComparer.Ordinal)
                {
                    [name] = new CategorySlot(name, new LevelSetting(DefaultLevel, DefaultSource)),
                };
                var newOrder = new List<string>(Volatile.Read(ref order)) { name };
                Volatile.Write(ref slots, copy);
                Volatile.Write(ref order, newOrder.ToArray());
                return true;
            }
        }

        /// <summary>The slot of a category or of <c>root</c>, for display; null when unknown.</summary>
        public static CategorySlot GetSlot(string name)
        {
            if (string.Equals(name, CategoryNames.Root, StringComparison.Ordinal))
            {
                return RootSlot;
            }

            return name != null && Volatile.Read(ref slots).TryGetValue(name, out CategorySlot slot) ? slot : null;
        }

        /// <summary>Python's repr of a list of plain strings: <c>['core', 'server']</c>.</summary>
        public static string PythonListRepr(IEnumerable<string> items)
        {
            var text = new StringBuilder("[");
            bool first = true;
            foreach (string item in items)
            {
                if (!first)
                {
                    text.Append(", ");
                }

                text.Append('\'').Append(item).Append('\'');
                first = false;
            }

            return text.Append(']').ToString();
        }

        /// <summary>
        /// The names a level given for <paramref name="name"/> applies to: for <c>all</c>, as the seed says, every
        /// category and the root; for any other name, that name. The one place this rule is written.
        /// </summary>
        public static IReadOnlyList<string> NamesOf(string name)
        {
            if (!string.Equals(name, CategoryNames.All, StringComparison.Ordinal))
            {
                return new[] { name };
            }

            var names = new List<string>(Categories) { CategoryNames.Root };
            return names;
        }

        private static bool SetLocked(string name, LevelSetting setting)
        {
            if (string.Equals(name, CategoryNames.All, StringComparison.Ordinal))
            {
                foreach (string each in NamesOf(name))
                {
                    SetLocked(each, setting);
                }

                return true;
            }

            CategorySlot target = GetSlot(name);
            if (target == null)
            {
                return false;
            }

            target.Setting = setting;
            return true;
        }

        private static Dictionary<string, CategorySlot> CreateInitialSlots()
        {
            var map = new Dictionary<string, CategorySlot>(StringComparer.Ordinal);
            var initial = new LevelSetting(DefaultLevel, DefaultSource);
            foreach (string name in CategoryNames.Predefined)
            {
                map[name] = new CategorySlot(name, initial);
            }

            return map;
        }

    }
}
