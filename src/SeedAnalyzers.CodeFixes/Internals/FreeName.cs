using System;

namespace SeedAnalyzers.CodeFixes
{
    /// <summary>The one naming scheme for what the fixes add: a base name, then base2, base3, ... until one is free.</summary>
    internal static class FreeName
    {
        /// <summary>
        /// The first of <paramref name="baseName"/>, baseName2, baseName3, ... that <paramref name="isFree"/> accepts,
        /// starting at the <paramref name="first"/>-th (1: the base name itself).
        /// </summary>
        public static string Find(string baseName, Func<string, bool> isFree, int first = 1)
        {
            for (int suffix = first; ; suffix++)
            {
                string name = suffix == 1 ? baseName : baseName + suffix;
                if (isFree(name))
                {
                    return name;
                }
            }
        }
    }
}
