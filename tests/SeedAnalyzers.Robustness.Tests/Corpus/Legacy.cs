using System;
using System.Collections;
using System.Linq;
using System.Threading;

namespace Corpus.Legacy
{
    // Code from an older code base: static generators, hand-rolled shuffles, seeds from the clock.
    public class CardDeck
    {
        static Random rnd = new Random(unchecked((int)DateTime.Now.Ticks));
        int[] cards = Enumerable.Range(0, 52).ToArray();

        public void Shuffle()
        {
            for (int i = cards.Length - 1; i > 0; i--)
            {
                int j = rnd.Next(i + 1);
                int tmp = cards[i]; cards[i] = cards[j]; cards[j] = tmp;
            }
        }

        public int[] ShuffledCopy() => cards.OrderBy(c => rnd.Next()).ToArray();

        public int[] ShuffledByGuid() => (from c in cards orderby Guid.NewGuid() select c).ToArray();

        public int[] Sample(int count) => Random.Shared.GetItems(cards, count);

        public ArrayList Old()
        {
            var list = new ArrayList();
            Random r = new Random(1234);
            for (int i = 0; i < 10; i++) list.Add(r.Next());
            return list;
        }

        public void Worker()
        {
            new Thread(new ThreadStart(Deal)).Start();
        }

        void Deal()
        {
            Console.WriteLine(rnd.Next(52));
        }

        public int Seeded(int? seed) => (seed.HasValue ? new Random(seed.Value) : new Random()).Next();

        public unsafe int Pointer()
        {
            int value = new Random(Thread.CurrentThread.ManagedThreadId).Next();
            int* p = &value;
            return *p;
        }
    }
}
