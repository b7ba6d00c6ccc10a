namespace LlamaLog.Engine.Otlp
{
    /// <summary>The OTLP transports, as OTEL_EXPORTER_OTLP_PROTOCOL names them: http/protobuf and grpc.</summary>
    public enum OtlpProtocol
    {
        HttpProtobuf,
        Grpc,
    }
}
