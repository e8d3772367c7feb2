using System;
using SeedAnalyzers;
using TorchSharp;
using static TorchSharp.torch;

// A top-level TorchSharp program that seeds only the CPU generator, after its first draw, and then uses CUDA.
var warmup = torch.randn(4);
torch.manual_seed(42);
Device device = cuda.is_available() ? torch.CUDA : torch.CPU;
var model = nn.Sequential(("fc", nn.Linear(4, 2)), ("drop", nn.Dropout(0.1))).to(device);
var x = torch.rand(8, 4, device: device);
if (device.type == DeviceType.CUDA)
{
    torch.backends.cudnn.allow_tf32 = true;
}

long reseeded = torch.seed();
var loader = torch.utils.data.DataLoader(new Points(), 4, shuffle: true, seed: 3);
var options = new TorchDeterminismOptions { CuDnnBenchmark = true };
Console.WriteLine(model.forward(x).sum().item<float>() + reseeded + loader.Count + options.RelaxedItems().Count);

sealed class Points : torch.utils.data.Dataset
{
    public override long Count => 16;

    public override System.Collections.Generic.Dictionary<string, Tensor> GetTensor(long index) => new() { ["x"] = torch.ones(4) };
}
