using System.Collections.Generic;
using System.IO;

namespace GraphMatching
{
    /// <summary>Writes g against the Frank-Wolfe iteration as a PNG (ScottPlot).</summary>
    public static class ConvergencePlot
    {
        public static string Save(string path, IReadOnlyDictionary<string, IReadOnlyList<double>> series)
        {
            var plot = new ScottPlot.Plot();
            foreach (var (label, values) in series)
            {
                var xs = new double[values.Count];
                var ys = new double[values.Count];
                for (int i = 0; i < values.Count; i++) { xs[i] = i; ys[i] = values[i]; }
                var line = plot.Add.Scatter(xs, ys);
                line.LegendText = label;
            }
            // Plain ASCII transposes: the plot font has no superscript T.
            plot.Title("Frank-Wolfe on g(X) = ||A - X B X^T||_F^2 - tr(Xu^T X) with the generated GradG");
            plot.XLabel("iteration");
            plot.YLabel("g(X_k) / |g(X_0)|");
            plot.ShowLegend();
            string full = Path.GetFullPath(path);
            Directory.CreateDirectory(Path.GetDirectoryName(full)!);
            plot.SavePng(full, 900, 500);
            return full;
        }
    }
}
