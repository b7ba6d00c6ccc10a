using System.Collections;

namespace LlamaLog.Engine.Otlp
{
    /// <summary>The OTLP values given to Initialize-LlamaLog; null means not given (the environment or the default applies).</summary>
    public sealed class OtlpParameters
    {
        public static OtlpParameters None { get; } = new OtlpParameters();

        /// <summary>-OtlpEndpoint: a base URL, as OTEL_EXPORTER_OTLP_ENDPOINT is.</summary>
        public string Endpoint { get; set; }

        public OtlpProtocol? Protocol { get; set; }

        /// <summary>-OtlpHeader: header names and values.</summary>
        public IDictionary Headers { get; set; }

        /// <summary>-OtlpRetryPath: the folder for the SDK's disk retry, already a full path.</summary>
        public string RetryPath { get; set; }
    }
}
