using System;

namespace LlamaLog.Engine.Output
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

        /// <summary>The value and the name it was read from, or null when neither twin is set.</summary>
        public static string Read(string llamaStackName, out string readFrom)
        {
            string value = Environment.GetEnvironmentVariable(llamaStackName);
            if (value != null)
            {
                readFrom = llamaStackName;
                return value;
            }

            string ogxName = "OGX_" + llamaStackName.Substring("LLAMA_STACK_".Length);
            value = Environment.GetEnvironmentVariable(ogxName);
            readFrom = value != null ? ogxName : null;
            return value;
        }
    }
}
