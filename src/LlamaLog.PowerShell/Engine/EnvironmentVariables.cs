using System;

namespace LlamaLog.Engine
{
    /// <summary>
    /// The variables Llama Stack reads, with the names it has under OGX: each OGX_ name is read only when its
    /// LLAMA_STACK_ twin is unset.
    /// </summary>
    public static class EnvironmentVariables
    {
        public const string Logging = "LLAMA_STACK_LOGGING";
        public const string LogFile = "LLAMA_STACK_LOG_FILE";
        public const string LogWidth = "LLAMA_STACK_LOG_WIDTH";
        public const string LogFormat = "LLAMA_STACK_LOG_FORMAT";

        /// <summary>The value and the name it was read from, or null when neither twin is set.</summary>
        public static string Read(string llamaStackName, out string readFrom)
        {
            // An empty variable counts as unset, as Llama Stack's `if log_file:` treats it.
            string value = Environment.GetEnvironmentVariable(llamaStackName);
            if (!string.IsNullOrEmpty(value))
            {
                readFrom = llamaStackName;
                return value;
            }

            string ogxName = "OGX_" + llamaStackName.Substring("LLAMA_STACK_".Length);
            value = Environment.GetEnvironmentVariable(ogxName);
            if (!string.IsNullOrEmpty(value))
            {
                readFrom = ogxName;
                return value;
            }

            readFrom = null;
            return null;
        }
    }
}
