using System;
using System.Collections.Generic;
using System.Globalization;

namespace GraphMatching
{
    /// <summary>Command-line options: <c>--name value</c> pairs and flags, with one-line errors for anything unknown.</summary>
    public sealed class Cli
    {
        private readonly Dictionary<string, string?> _options = new();
        private readonly HashSet<string> _read = new();

        public Cli(IEnumerable<string> args, IEnumerable<string> flags, out List<string> positional)
        {
            positional = new List<string>();
            var flagSet = new HashSet<string>(flags);
            using var e = args.GetEnumerator();
            while (e.MoveNext())
            {
                string arg = e.Current;
                if (!arg.StartsWith("--", StringComparison.Ordinal)) { positional.Add(arg); continue; }
                string name = arg.Substring(2);
                if (flagSet.Contains(name)) { _options[name] = null; continue; }
                if (!e.MoveNext()) throw new InputException($"option --{name} needs a value");
                _options[name] = e.Current;
            }
        }

        public bool Flag(string name)
        {
            _read.Add(name);
            return _options.ContainsKey(name);
        }

        public int Int(string name, int fallback, int min, int max)
        {
            _read.Add(name);
            if (!_options.TryGetValue(name, out var text)) return fallback;
            if (!int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out int value) || value < min || value > max)
            {
                throw new InputException($"--{name} must be an integer from {min} to {max}, got '{text}'");
            }
            return value;
        }

        public double Double(string name, double fallback, double min, double max)
        {
            _read.Add(name);
            if (!_options.TryGetValue(name, out var text)) return fallback;
            if (!double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out double value) || !(value >= min && value <= max))
            {
                throw new InputException($"--{name} must be a number from {min.ToString(CultureInfo.InvariantCulture)} to {max.ToString(CultureInfo.InvariantCulture)}, got '{text}'");
            }
            return value;
        }

        public string Text(string name, string fallback)
        {
            _read.Add(name);
            return _options.TryGetValue(name, out var text) && text is not null ? text : fallback;
        }

        /// <summary>Fails on any option that no reader asked for.</summary>
        public void RejectUnknown()
        {
            foreach (var name in _options.Keys)
            {
                if (!_read.Contains(name)) throw new InputException($"unknown option --{name}");
            }
        }
    }
}
