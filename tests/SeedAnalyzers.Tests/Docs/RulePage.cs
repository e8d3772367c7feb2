using System;
using System.Collections.Generic;
using System.IO;
using System.Text.RegularExpressions;

namespace SeedAnalyzers.Tests
{
    /// <summary>
    /// One docs/rules/SEEDnnn.md page, as the docs tests read it: its C# examples under "## Bad" and "## Good".
    /// </summary>
    /// <remarks>
    /// An example may lean on code the reader does not need to see (the data a snippet shuffles, a model class). Such
    /// code sits in an HTML comment right above the fence, invisible on the rendered page: <c>&lt;!-- before: ... --&gt;</c>
    /// goes after the example's using directives, <c>&lt;!-- after: ... --&gt;</c> at its end (for type declarations
    /// after top-level statements).
    /// </remarks>
    internal sealed class RulePage
    {
        private static readonly Regex Fence = new Regex(@"^```csharp\s*$", RegexOptions.Compiled);

        private RulePage(string id, string path, string text, List<Example> bad, List<Example> good)
        {
            Id = id;
            Path = path;
            Text = text;
            Bad = bad;
            Good = good;
        }

        public string Id { get; }

        public string Path { get; }

        public string Text { get; }

        public IReadOnlyList<Example> Bad { get; }

        public IReadOnlyList<Example> Good { get; }

        public static RulePage Load(string id)
        {
            string path = RepositoryFiles.PathOf("docs/rules/" + id + ".md");
            string text = File.ReadAllText(path);
            var bad = new List<Example>();
            var good = new List<Example>();
            string[] lines = text.Replace("\r\n", "\n").Split('\n');
            List<Example>? section = null;
            var hidden = new List<(string Kind, string Code)>();
            for (int i = 0; i < lines.Length; i++)
            {
                string line = lines[i];
                if (line.StartsWith("## ", StringComparison.Ordinal))
                {
                    section = line == "## Bad" ? bad : line == "## Good" ? good : null;
                    hidden.Clear();
                    continue;
                }

                if (line.StartsWith("<!-- before:", StringComparison.Ordinal) || line.StartsWith("<!-- after:", StringComparison.Ordinal))
                {
                    string kind = line.StartsWith("<!-- before:", StringComparison.Ordinal) ? "before" : "after";
                    var code = new List<string> { line.Substring(line.IndexOf(':') + 1) };
                    while (!code[code.Count - 1].TrimEnd().EndsWith("-->", StringComparison.Ordinal) && i + 1 < lines.Length)
                    {
                        code.Add(lines[++i]);
                    }

                    string joined = string.Join("\n", code).TrimEnd();
                    hidden.Add((kind, joined.Substring(0, joined.Length - 3)));
                    continue;
                }

                if (Fence.IsMatch(line))
                {
                    int start = i + 1;
                    int end = start;
                    while (end < lines.Length && lines[end] != "```")
                    {
                        end++;
                    }

                    section?.Add(new Example(id, start + 1, string.Join("\n", lines, start, end - start), hidden.ToArray()));
                    hidden.Clear();
                    i = end;
                }
                else if (line.Trim().Length > 0)
                {
                    hidden.Clear();
                }
            }

            return new RulePage(id, path, text, bad, good);
        }

        /// <summary>One example: the code shown, and where it is on the page.</summary>
        internal sealed class Example
        {
            private readonly (string Kind, string Code)[] _hidden;

            public Example(string id, int line, string code, (string Kind, string Code)[] hidden)
            {
                Id = id;
                Line = line;
                Code = code;
                _hidden = hidden;
            }

            public string Id { get; }

            public int Line { get; }

            public string Code { get; }

            /// <summary>The example as one C# file: its usings, the hidden code before, its code, the hidden code after.</summary>
            public string Source()
            {
                string[] lines = Code.Split('\n');
                int usings = 0;
                while (usings < lines.Length && (lines[usings].StartsWith("using ", StringComparison.Ordinal) || lines[usings].Trim().Length == 0))
                {
                    usings++;
                }

                var file = new List<string>(lines[..usings]);
                foreach ((string kind, string code) in _hidden)
                {
                    if (kind == "before")
                    {
                        file.Add(code);
                    }
                }

                file.AddRange(lines[usings..]);
                foreach ((string kind, string code) in _hidden)
                {
                    if (kind == "after")
                    {
                        file.Add(code);
                    }
                }

                return string.Join("\n", file) + "\n";
            }

            public override string ToString() => $"docs/rules/{Id}.md line {Line}";
        }
    }
}
