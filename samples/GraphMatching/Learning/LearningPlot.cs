using System.Collections.Generic;
using System.IO;
using System.Linq;

namespace GraphMatching.Learning
{
    /// <summary>Writes the training loss (left axis) and held-out accuracy (right axis) per epoch as a PNG (ScottPlot).</summary>
    public static class LearningPlot
    {
        public static string Save(string path, IReadOnlyList<EpochRecord> history)
        {
            var plot = new ScottPlot.Plot();
            var epochs = history.Select(r => (double)r.Epoch).ToArray();
            var loss = plot.Add.Scatter(epochs, history.Select(r => r.Loss).ToArray());
            loss.LegendText = "training loss per keypoint";
            var accuracy = plot.Add.Scatter(epochs, history.Select(r => 100 * r.Accuracy).ToArray());
            accuracy.LegendText = "held-out accuracy, Hungarian on Xu (%)";
            accuracy.Axes.YAxis = plot.Axes.Right;
            plot.Title("Learning Xu = Sinkhorn(exp(F1 W F2^T / tau)) with the generated gradient");
            plot.XLabel("epoch");
            plot.Axes.Left.Label.Text = "loss";
            plot.Axes.Right.Label.Text = "accuracy (%)";
            plot.Axes.SetLimitsY(0, 100, plot.Axes.Right);
            plot.ShowLegend(ScottPlot.Alignment.MiddleRight);
            string full = Path.GetFullPath(path);
            Directory.CreateDirectory(Path.GetDirectoryName(full)!);
            plot.SavePng(full, 900, 500);
            return full;
        }
    }
}
