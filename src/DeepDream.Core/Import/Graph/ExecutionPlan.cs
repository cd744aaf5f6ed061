namespace DeepDream.Import.Graph;

/// <summary>
/// The nodes one set of requested tensors depends on, in topological order, with the point after which each
/// intermediate value is no longer needed. Built once per distinct request and cached by the network.
/// </summary>
internal sealed class ExecutionPlan
{
    private ExecutionPlan(IReadOnlyList<PlanStep> steps, bool readsInput)
    {
        Steps = steps;
        ReadsInput = readsInput;
    }

    public IReadOnlyList<PlanStep> Steps { get; }

    /// <summary>False when the targets are constant, so the input need not even be preprocessed.</summary>
    public bool ReadsInput { get; }

    /// <param name="nodes">All compiled nodes, topologically ordered.</param>
    /// <param name="producerOfSlot">For each value slot, the index of the node writing it, or −1 (a constant or the input).</param>
    /// <param name="inputSlot">The slot of the preprocessed image.</param>
    /// <param name="targets">The slots the caller asked for.</param>
    /// <param name="keepTargets">
    /// True: targets are never freed (they are the result). False: a target is freed like any other value, after
    /// its last reader, or right after the step that makes it when nothing reads it — for callers that look at each
    /// value as it is made, so memory holds only the values still to be read, however many targets there are.
    /// </param>
    public static ExecutionPlan Build(IReadOnlyList<CompiledNode> nodes, int[] producerOfSlot, int inputSlot, IReadOnlySet<int> targets,
        bool keepTargets = true)
    {
        var needed = new bool[nodes.Count];
        var pending = new Stack<int>(targets);
        while (pending.TryPop(out int slot))
        {
            int producer = producerOfSlot[slot];
            if (producer < 0 || needed[producer]) continue;
            needed[producer] = true;
            foreach (int input in nodes[producer].InputSlots.Where(input => input >= 0)) pending.Push(input);
        }
        var ordered = Enumerable.Range(0, nodes.Count).Where(index => needed[index]).Select(index => nodes[index]).ToArray();

        var lastReader = new Dictionary<int, int>();
        for (int step = 0; step < ordered.Length; step++)
            foreach (int input in ordered[step].InputSlots.Where(input => input >= 0))
                lastReader[input] = step;

        bool IsTransient(int slot) => (producerOfSlot[slot] >= 0 || slot == inputSlot) && (!keepTargets || !targets.Contains(slot));
        var steps = ordered.Select((node, step) => new PlanStep(
                node,
                [
                    .. node.InputSlots.Where(input => input >= 0 && IsTransient(input) && lastReader[input] == step).Distinct(),
                    .. IsTransient(node.OutputSlot) && !lastReader.ContainsKey(node.OutputSlot) ? [node.OutputSlot] : Array.Empty<int>(),
                ]))
            .ToArray();
        return new ExecutionPlan(steps, lastReader.ContainsKey(inputSlot));
    }
}
