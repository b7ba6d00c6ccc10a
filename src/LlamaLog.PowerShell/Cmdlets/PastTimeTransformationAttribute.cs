using System;
using System.Management.Automation;

namespace LlamaLog.Cmdlets
{
    /// <summary>
    /// Lets -Since and -Until take a <c>[datetime]</c> (or <c>[datetimeoffset]</c>, or a string PowerShell converts
    /// to one) or a <c>[timespan]</c> meaning "that long ago": <c>-Since ([timespan]'00:15')</c> is a quarter of an
    /// hour before the call.
    /// </summary>
    [AttributeUsage(AttributeTargets.Property | AttributeTargets.Field)]
    public sealed class PastTimeTransformationAttribute : ArgumentTransformationAttribute
    {
        public override object Transform(EngineIntrinsics engineIntrinsics, object inputData)
        {
            object value = inputData is PSObject wrapped ? wrapped.BaseObject : inputData;
            switch (value)
            {
                case TimeSpan ago:
                    return DateTime.Now - ago;
                case DateTimeOffset time:
                    return time.UtcDateTime;
                default:
                    return inputData;
            }
        }
    }
}
