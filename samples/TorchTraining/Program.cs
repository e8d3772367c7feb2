// A TorchSharp training program as a newcomer writes it. Nothing seeds torch, the data comes from an unseeded
// System.Random, DataLoader shuffles with its own unseeded Random, dropout draws masks, and TF32 is switched on
// "for speed": every run ends with different weights. samples/TorchTraining.Fixed is the same program after the fixes.
using System;
using System.Collections.Generic;
using System.Linq;
using System.Security.Cryptography;
using TorchSharp;
using static TorchSharp.torch;

torch.backends.cuda.matmul.allow_tf32 = true;
torch.backends.cudnn.allow_tf32 = true;
Device device = torch.cuda.is_available() ? torch.CUDA : torch.CPU;

const int samples = 512, features = 8, batchSize = 32, epochs = 4;
var random = new Random();
float[] values = Enumerable.Range(0, samples * features).Select(_ => (float)(random.NextDouble() * 2 - 1)).ToArray();
Tensor inputs = torch.tensor(values, new long[] { samples, features });
Tensor labels = (inputs.sum(1) > 0).to(ScalarType.Int64);

var model = nn.Sequential(
    ("hidden", nn.Linear(features, 32)),
    ("relu", nn.ReLU()),
    ("dropout", nn.Dropout(0.2)),
    ("output", nn.Linear(32, 2))).to(device);
var optimizer = optim.SGD(model.parameters(), learningRate: 0.1);
using var loader = torch.utils.data.DataLoader(new Samples(inputs, labels), batchSize, shuffle: true, device: device);

for (int epoch = 1; epoch <= epochs; epoch++)
{
    model.train();
    double loss = 0;
    foreach (Dictionary<string, Tensor> batch in loader)
    {
        optimizer.zero_grad();
        Tensor batchLoss = nn.functional.cross_entropy(model.forward(batch["input"]), batch["label"]);
        batchLoss.backward();
        optimizer.step();
        loss += batchLoss.item<float>();
    }

    Console.WriteLine($"epoch {epoch}: loss {loss / loader.Count:F6}");
}

byte[] weights = model.parameters().SelectMany(p => p.cpu().data<float>().ToArray()).SelectMany(BitConverter.GetBytes).ToArray();
Console.WriteLine($"final weights sha256 {Convert.ToHexString(SHA256.HashData(weights))}");

sealed class Samples(Tensor inputs, Tensor labels) : torch.utils.data.Dataset
{
    public override long Count => inputs.shape[0];

    public override Dictionary<string, Tensor> GetTensor(long index) => new()
    {
        ["input"] = inputs[index],
        ["label"] = labels[index],
    };
}
