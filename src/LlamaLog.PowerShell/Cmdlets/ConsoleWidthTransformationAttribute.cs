using System;
using System.Management.Automation;
using LlamaLog.Engine.Config;

namespace LlamaLog.Cmdlets
{
    /// <summary>
    /// Lets -Width take what LLAMA_STACK_LOG_WIDTH takes, by the same rule (<see cref="ConsoleWidth"/>), and refuse the
    /// rest in the same words; PowerShell's own conversion to int would round 80.5 to 80 without a word.
    /// </summary>
    [AttributeUsage(AttributeTargets.Property | AttributeTargets.Field)]
    public sealed class ConsoleWidthTransformationAttribute : ArgumentTransformationAttribute
    {
        public override object Transform(EngineIntrinsics engineIntrinsics, object inputData)
        {
            object value = inputData is PSObject wrapped ? wrapped.BaseObject : inputData;
            if (ConsoleWidth.TryConvert(value, out int width))
            {
                return width;
            }

            throw new ArgumentTransformationMetadataException(ConsoleWidth.DescribeRefused(value));
        }
    }
}
