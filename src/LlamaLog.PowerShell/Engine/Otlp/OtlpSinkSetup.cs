using System;
using System.Collections.Generic;
using LlamaLog.Engine.Isolation;
using LlamaLog.Engine.Sinks;

namespace LlamaLog.Engine.Otlp
{
    /// <summary>The OTLP part of a setup: the sink its options call for, reusing the running one when it would send alike.</summary>
    public static class OtlpSinkSetup
    {
        /// <summary>
        /// The sink for <paramref name="options"/>: null when they export nothing, the running sink when it sends to
        /// the same place the same way (its queue and counts go on), else a new one. When the exporter cannot start, or
        /// gRPC is asked for where only http/protobuf works: throws <see cref="OtlpSetupException"/> if
        /// <paramref name="failOnError"/>, else warns and returns null.
        /// </summary>
        public static OtlpSink Open(OtlpOptions options, IReadOnlyList<ILogSink> running, bool failOnError, IList<string> warnings)
        {
            if (!options.IsEnabled)
            {
                return null;
            }

            // Refused before anything is loaded: the netstandard2.0 exporter's gRPC is obsolete and does not work on
            // .NET Framework. The protocol's source is named, as a variable may have been set for another program.
            if (options.Protocol == OtlpProtocol.Grpc && !OtlpIsolation.SupportsGrpc)
            {
                string refusal = OtlpIsolation.GrpcRefusal(options.ProtocolSource);
                if (failOnError)
                {
                    throw new OtlpSetupException(OtlpSetupException.ProtocolUnsupported, refusal, options.Protocol);
                }

                warnings.Add(refusal + " Records are not exported.");
                return null;
            }

            foreach (ILogSink sink in running)
            {
                if (sink is OtlpSink otlp && otlp.Options.SameExporterAs(options))
                {
                    return otlp;
                }
            }

            try
            {
                return new OtlpSink(options, OtlpIsolation.Start(options));
            }
            catch (Exception e) when (e is PlatformNotSupportedException || e is InvalidOperationException || e is System.IO.IOException || e is UnauthorizedAccessException)
            {
                string message = "Cannot export to " + options.LogsEndpoint.AbsoluteUri + ": " + e.Message;
                if (failOnError)
                {
                    throw new OtlpSetupException(OtlpSetupException.ExporterUnavailable, message, options.LogsEndpoint.AbsoluteUri, e);
                }

                warnings.Add(message + " Records are not exported.");
                return null;
            }
        }
    }
}
