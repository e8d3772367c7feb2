// TorchTraining after the fixes: one TorchDeterminism.Initialize first in Main, data from a named torch
// generator, and an epoch-aware seeded shuffle. Two runs print the same weight checksum; SEED=<n> changes it.
using System;
using System.Collections.Generic;
using System.Linq;
using System.Security.Cryptography;
using SeedAnalyzers;
using TorchSharp;
using static TorchSharp.torch;

TorchDeterminism.Initialize(seed: 42);
int threads = args.Length == 2 && args[0] == "--threads" ? int.Parse(args[1]) : 1;
torch.set_num_threads(threads);
Console.WriteLine($"master seed {Determinism.MasterSeed}, {threads} thread(s)");
Console.Write(TorchDeterminism.Describe());

const int samples = 512, features = 8, batchSize = 32, epochs = 4;
Tensor inputs = torch.randn(new long[] { samples, features }, generator: TorchDeterminism.Generator("data"));
Tensor labels = (inputs.sum(1) > 0).to(ScalarType.Int64);

var model = nn.Sequential(
    ("hidden", nn.Linear(features, 32)),
    ("relu", nn.ReLU()),
    ("dropout", nn.Dropout(0.2)),
    ("output", nn.Linear(32, 2)));
var optimizer = optim.SGD(model.parameters(), learningRate: 0.1);
using var loader = torch.utils.data.DataLoader(
    new Samples(inputs, labels), batchSize, TorchDeterminism.Shuffler("TorchTraining.batches", samples));

for (int epoch = 1; epoch <= epochs; epoch++)
{
    model.train();
    var order = new List<long>();
    double loss = 0;
    foreach (Dictionary<string, Tensor> batch in loader)
    {
        order.AddRange(batch["index"].data<long>().ToArray());
        optimizer.zero_grad();
        Tensor batchLoss = nn.functional.cross_entropy(model.forward(batch["input"]), batch["label"]);
        batchLoss.backward();
        optimizer.step();
        loss += batchLoss.item<float>();
    }

    string orderHash = Convert.ToHexString(SHA256.HashData(order.SelectMany(BitConverter.GetBytes).ToArray()))[..16];
    Console.WriteLine($"epoch {epoch}: loss {loss / loader.Count:F6}, order {string.Join(" ", order.Take(6))} ... (sha256 {orderHash})");
}

byte[] weights = model.parameters().SelectMany(p => p.data<float>().ToArray()).SelectMany(BitConverter.GetBytes).ToArray();
Console.WriteLine($"final weights sha256 {Convert.ToHexString(SHA256.HashData(weights))}");

/// <summary>The generated samples, each with its index so a batch shows the order it was drawn in.</summary>
sealed class Samples(Tensor inputs, Tensor labels) : torch.utils.data.Dataset
{
    public override long Count => inputs.shape[0];

    public override Dictionary<string, Tensor> GetTensor(long index) => new()
    {
        ["input"] = inputs[index],
        ["label"] = labels[index],
        ["index"] = torch.tensor(index),
    };
}
