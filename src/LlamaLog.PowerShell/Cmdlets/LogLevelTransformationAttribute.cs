using System;
using System.Management.Automation;
using LlamaLog.Engine.Levels;

namespace LlamaLog.Cmdlets
{
    /// <summary>
    /// Lets every -Level parameter take the enum, a Python level name in any letter case (WARN and FATAL
    /// included), or one of the six numbers (any numeric type with a whole value, or digits); anything else fails
    /// binding with the accepted names. The rule is <see cref="LevelNames.TryConvert"/>, as for every entry point.
    /// </summary>
    [AttributeUsage(AttributeTargets.Property | AttributeTargets.Field)]
    public sealed class LogLevelTransformationAttribute : ArgumentTransformationAttribute
    {
        public override object Transform(EngineIntrinsics engineIntrinsics, object inputData)
        {
            object value = inputData is PSObject wrapped ? wrapped.BaseObject : inputData;
            if (LevelNames.TryConvert(value, out int level))
            {
                return (LogLevel)level;
            }

            throw new ArgumentTransformationMetadataException(
                "'" + WholeNumber.Show(value) + "' is not a log level. " + LevelNames.DescribeAccepted());
        }
    }
}
