using System;

namespace LlamaLog.Engine.Otlp
{
    /// <summary>
    /// An OTLP setup that cannot be made: a bad parameter value (<c>InvalidOtlpSetting</c>), a protocol this
    /// PowerShell cannot export with (<c>OtlpProtocolUnsupported</c>: gRPC on Windows PowerShell), or an exporter
    /// that cannot start here (<c>OtlpExporterUnavailable</c>). Thrown before anything changes.
    /// </summary>
    public sealed class OtlpSetupException : Exception
    {
        public const string InvalidSetting = "InvalidOtlpSetting";
        public const string ProtocolUnsupported = "OtlpProtocolUnsupported";
        public const string ExporterUnavailable = "OtlpExporterUnavailable";

        public OtlpSetupException(string errorId, string message, object value, Exception inner = null)
            : base(message, inner)
        {
            ErrorId = errorId;
            Value = value;
        }

        /// <summary><see cref="InvalidSetting"/>, <see cref="ProtocolUnsupported"/> or <see cref="ExporterUnavailable"/>.</summary>
        public string ErrorId { get; }

        /// <summary>The value at fault (the parameter's value, the protocol, or the endpoint).</summary>
        public object Value { get; }
    }
}
