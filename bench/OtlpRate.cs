using System;
using System.Collections.Generic;
using System.Diagnostics;
using Microsoft.Extensions.Logging;
using OpenTelemetry.Exporter;
using OpenTelemetry.Logs;
using OpenTelemetry.Resources;

namespace LlamaLogBench
{
    /// <summary>
    /// The yardstick of the OTLP delivery rate: the bare OpenTelemetry SDK (the same version and the same batch
    /// settings LlamaLog uses) driven from C#, records as fast as the ILogger path takes them, then a flush. Each
    /// record carries what a LlamaLog logger's record does (body, the category and the caller's file, line and
    /// function attributes, with the values Measure-OtlpRate.ps1's loop gives them), since the receiver's cost, which
    /// bounds the rate, grows with the payload.
    /// </summary>
    public static class BareSdkRate
    {
        /// <summary>Seconds from the first record to the end of the flush.</summary>
        public static double Run(string httpEndpoint, string service, int count, int queueSize, string callerFile, long callerLine, string callerFunction)
        {
            ILoggerFactory factory = LoggerFactory.Create(logging =>
            {
                logging.SetMinimumLevel(LogLevel.Trace);
                logging.AddOpenTelemetry(options =>
                {
                    options.IncludeFormattedMessage = true;
                    options.SetResourceBuilder(ResourceBuilder.CreateEmpty().AddAttributes(new[]
                    {
                        new KeyValuePair<string, object>("service.name", service),
                        new KeyValuePair<string, object>("process.pid", (long)Environment.ProcessId),
                    }));
                    options.AddOtlpExporter((exporter, processor) =>
                    {
                        exporter.Endpoint = new Uri(httpEndpoint.TrimEnd('/') + "/v1/logs");
                        exporter.Protocol = OtlpExportProtocol.HttpProtobuf;
                        processor.BatchExportProcessorOptions.MaxQueueSize = queueSize;
                    });
                });
            });
            ILogger logger = factory.CreateLogger("bench");
            var clock = Stopwatch.StartNew();
            for (int i = 0; i < count; i++)
            {
                var attributes = new List<KeyValuePair<string, object>>(4)
                {
                    new KeyValuePair<string, object>("category", "core"),
                    new KeyValuePair<string, object>("code.file.path", callerFile),
                    new KeyValuePair<string, object>("code.line.number", callerLine),
                    new KeyValuePair<string, object>("code.function.name", callerFunction),
                };
                string message = "m " + i;
                logger.Log(LogLevel.Information, default(EventId), attributes, null, (state, exception) => message);
            }

            // Disposing the factory shuts the provider down, which exports what the batch processor holds.
            factory.Dispose();
            return clock.Elapsed.TotalSeconds;
        }
    }
}
