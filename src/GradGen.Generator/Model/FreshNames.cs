using System;
using System.Collections.Generic;

namespace GradGen.Generator.Model
{
    /// <summary>
    /// The one place generated names are made clear of names already taken, in GradGen's two spellings: a parameter or a
    /// result of a generated method keeps the user's spelling with underscores after it (Fbar_, gradX_), a local or a
    /// variable of a body gets the first free number (XB2, broke2).
    /// </summary>
    internal sealed class FreshNames
    {
        private readonly HashSet<string> _taken;
        private readonly Dictionary<string, int> _nextSuffix = new();

        public FreshNames(IEnumerable<string> taken) => _taken = new HashSet<string>(taken, StringComparer.Ordinal);

        /// <summary>Marks a name as taken (a parameter, a user's local); false if it already was.</summary>
        public bool Take(string name) => _taken.Add(name);

        /// <summary>
        /// The name, or the name with the first free suffix 2, 3, …, taken from then on. The next suffix to try is kept per
        /// name, so that hundreds of locals sharing a label cost linear time, not a scan from 2 each time.
        /// </summary>
        public string Numbered(string name)
        {
            if (_taken.Add(name)) return name;
            int i = _nextSuffix.TryGetValue(name, out int next) ? next : 2;
            while (!_taken.Add(name + i)) i++;
            _nextSuffix[name] = i + 1;
            return name + i;
        }

        /// <summary>The name, or the name with as many underscores after it as it takes to be free, taken from then on.</summary>
        public string Underscored(string name)
        {
            while (!_taken.Add(name)) name += "_";
            return name;
        }

        /// <summary>The first of name, name2, name3, … that <paramref name="isTaken"/> rejects, taking nothing.</summary>
        public static string FirstNumbered(string name, Func<string, bool> isTaken)
        {
            string candidate = name;
            for (int i = 2; isTaken(candidate); i++) candidate = name + i;
            return candidate;
        }

        /// <summary>The first of name, name_, name__, … that <paramref name="isTaken"/> rejects, taking nothing.</summary>
        public static string FirstUnderscored(string name, Func<string, bool> isTaken)
        {
            while (isTaken(name)) name += "_";
            return name;
        }
    }
}
