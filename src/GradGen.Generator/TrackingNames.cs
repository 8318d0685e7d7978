namespace GradGen.Generator
{
    /// <summary>Names of the tracked pipeline steps, which the caching tests inspect.</summary>
    public static class TrackingNames
    {
        public const string Methods = nameof(Methods);
        public const string Models = nameof(Models);
    }
}
