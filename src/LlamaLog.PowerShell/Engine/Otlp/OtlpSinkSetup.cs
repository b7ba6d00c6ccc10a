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
        /// Whether the options' protocol can be exported with here: gRPC cannot on Windows PowerShell, whose
        /// netstandard2.0 exporter build has http/protobuf only. A setup checks this before it opens anything, so a
        /// refused one leaves no trace: throws <see cref="OtlpSetupException"/> if <paramref name="failOnError"/>,
        /// else warns (naming the protocol's source, which may be a variable set for another program) and returns false.
        /// </summary>
        public static bool CheckProtocol(OtlpOptions options, bool failOnError, IList<string> warnings)
        {
            if (!options.IsEnabled || options.Protocol != OtlpProtocol.Grpc || OtlpIsolation.SupportsGrpc)
            {
                return true;
            }

            string refusal = OtlpIsolation.GrpcRefusal(options.ProtocolSource);
            if (failOnError)
            {
                throw new OtlpSetupException(OtlpSetupException.ProtocolUnsupported, refusal, options.Protocol);
            }

            warnings.Add(refusal + " Records are not exported.");
            return false;
        }

        /// <summary>
        /// The sink for <paramref name="options"/>: null when they export nothing, the running sink when it sends to
        /// the same place the same way (its queue and counts go on), else a new one. When the exporter cannot start:
        /// throws <see cref="OtlpSetupException"/> if <paramref name="failOnError"/>, else warns and returns null.
        /// </summary>
        public static OtlpSink Open(OtlpOptions options, IReadOnlyList<ILogSink> running, bool failOnError, IList<string> warnings)
        {
            if (!options.IsEnabled)
            {
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
                string message = "Cannot export to " + options.LogsEndpoint.AbsoluteUri + ": " + OneLine(e.Message);
                if (failOnError)
                {
                    throw new OtlpSetupException(OtlpSetupException.ExporterUnavailable, message, options.LogsEndpoint.AbsoluteUri, e);
                }

                warnings.Add(message + " Records are not exported.");
                return null;
            }
        }

        // A loader's message may end in a line break (assembly loads on Linux do): the warning stays one line.
        private static string OneLine(string text)
        {
            string[] lines = text.Split(new[] { '\r', '\n' }, StringSplitOptions.RemoveEmptyEntries);
            for (int i = 0; i < lines.Length; i++)
            {
                lines[i] = lines[i].Trim();
            }

            return string.Join(" ", lines);
        }
    }
}
