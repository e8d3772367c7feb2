using System;
using System.Collections.Generic;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace Corpus.Torch
{
    public sealed class Classifier : nn.Module<Tensor, Tensor>
    {
        private readonly Linear _hidden = nn.Linear(16, 64);
        private readonly Dropout _dropout = nn.Dropout(0.25);
        private readonly Linear _output = nn.Linear(64, 4);

        public Classifier() : base(nameof(Classifier))
        {
            RegisterComponents();
        }

        public override Tensor forward(Tensor input) => _output.forward(_dropout.forward(nn.functional.relu(_hidden.forward(input))));
    }

    public static class Training
    {
        public static void Setup()
        {
            torch.backends.cudnn.allow_tf32 = true;
            torch.backends.cuda.matmul.allow_tf32 = true;
            torch.backends.cudnn.benchmark = true;
            torch.manual_seed(Environment.TickCount);
            torch.random.manual_seed(42);
        }

        public static Tensor Data(long rows)
        {
            Tensor noise = torch.randn(rows, 16);
            Tensor uniform = torch.rand(new long[] { rows, 16 });
            Tensor ints = torch.randint(0, 4, new long[] { rows });
            Tensor perm = torch.randperm(rows);
            return noise + uniform + ints.unsqueeze(1) + perm.unsqueeze(1);
        }

        public static Tensor OnGpu(long rows)
        {
            var generator = new torch.Generator(1, device: torch.CUDA);
            var cpu = new torch.Generator(7);
            long seed = torch.seed();
            Console.WriteLine(seed + generator.initial_seed() + cpu.initial_seed());
            return torch.randn(new long[] { rows, 16 }, generator: generator);
        }

        public static void Train(torch.utils.data.Dataset data, int epochs)
        {
            var model = new Classifier();
            var optimizer = optim.Adam(model.parameters(), lr: 1e-3);
            using var loader = torch.utils.data.DataLoader(data, 32, shuffle: true);
            for (int epoch = 0; epoch < epochs; epoch++)
            {
                foreach (Dictionary<string, Tensor> batch in loader)
                {
                    optimizer.zero_grad();
                    Tensor loss = nn.functional.cross_entropy(model.forward(batch["input"]), batch["label"]);
                    loss.backward();
                    optimizer.step();
                }
            }
        }

        public static Tensor Augment(Tensor images)
        {
            var random = new Random();
            float scale = (float)random.NextDouble();
            return images * scale + torch.normal(0.0, 0.1, images.shape) + torch.bernoulli(torch.full(images.shape, 0.5));
        }
    }
}
