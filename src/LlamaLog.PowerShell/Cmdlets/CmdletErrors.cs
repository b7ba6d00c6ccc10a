using System;
using System.Collections.Generic;
using System.Management.Automation;
using LlamaLog.Engine.Levels;
using LlamaLog.Engine.Markup;

namespace LlamaLog.Cmdlets
{
    /// <summary>The module's error records, each with its own ErrorId and category, built in one place.</summary>
    internal static class CmdletErrors
    {
        public static ErrorRecord UnknownCategory(string name)
        {
            List<string> listed = CategoryLevels.ListedCategories(out string more);
            string message = "Unknown logging category: " + name + ". Known categories: "
                + string.Join(", ", listed) + more + "; also 'all' and 'root'. Add a category with Register-LlamaLogCategory.";
            return new ErrorRecord(new ArgumentException(message), "UnknownCategory", ErrorCategory.InvalidArgument, name);
        }

        public static ErrorRecord InvalidCategoryName(string name)
        {
            string message = name == CategoryNames.All || name == CategoryNames.Root || name == CategoryNames.Uncategorized
                ? "'" + name + "' is a reserved word and cannot be registered as a category."
                : "'" + name + "' is not a valid category name: use only lower-case letters, digits and '_', at least one.";
            return new ErrorRecord(new ArgumentException(message), "InvalidCategoryName", ErrorCategory.InvalidArgument, name);
        }

        /// <summary>Markup Rich rejects; the message is Rich's MarkupError text.</summary>
        public static ErrorRecord MarkupError(MarkupException error, string markup)
        {
            return new ErrorRecord(error, "MarkupError", ErrorCategory.InvalidData, markup);
        }

        /// <summary>A style whose colour Rich cannot even parse (rgb with an empty component); the message names it.</summary>
        public static ErrorRecord InvalidStyle(InvalidColorException error, string markup)
        {
            return new ErrorRecord(error, "InvalidStyle", ErrorCategory.InvalidData, markup);
        }
    }
}
