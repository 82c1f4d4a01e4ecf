namespace Store.Domain.Catalog;

/// <summary>One category as the tree sees it: who its parent is and where it sits among its siblings.</summary>
public sealed record CategoryNode(int Id, int? ParentId, int SortOrder, string Name);

/// <summary>Rules and walks over the whole category tree, which is small enough to hold in memory.</summary>
public sealed class CategoryTree
{
    public const int MaxDepth = 6;

    private readonly Dictionary<int, CategoryNode> _byId;
    private readonly ILookup<int?, CategoryNode> _children;

    public CategoryTree(IEnumerable<CategoryNode> nodes)
    {
        _byId = nodes.ToDictionary(n => n.Id);
        _children = _byId.Values.OrderBy(n => n.SortOrder).ThenBy(n => n.Name, StringComparer.Ordinal).ThenBy(n => n.Id).ToLookup(n => n.ParentId);
    }

    public IEnumerable<CategoryNode> ChildrenOf(int? parentId) => _children[parentId];

    /// <summary>The category and every category below it.</summary>
    public IReadOnlyList<int> SelfAndDescendants(int id)
    {
        var result = new List<int>();
        var stack = new Stack<int>([id]);
        while (stack.Count > 0)
        {
            var next = stack.Pop();
            if (!_byId.ContainsKey(next) || result.Contains(next))
            {
                continue;
            }

            result.Add(next);
            foreach (var child in _children[next])
            {
                stack.Push(child.Id);
            }
        }

        return result;
    }

    /// <summary>From the top of the tree down to the category itself (the breadcrumbs).</summary>
    public IReadOnlyList<CategoryNode> PathTo(int id)
    {
        var path = new List<CategoryNode>();
        for (int? current = id; current is { } c && _byId.TryGetValue(c, out var node) && path.Count <= _byId.Count; current = node.ParentId)
        {
            path.Insert(0, node);
        }

        return path;
    }

    /// <summary>Every category in display order, each with its depth (0 at the top).</summary>
    public IReadOnlyList<(CategoryNode Node, int Depth)> Flatten()
    {
        var result = new List<(CategoryNode, int)>();
        void Walk(int? parent, int depth)
        {
            foreach (var child in _children[parent])
            {
                result.Add((child, depth));
                Walk(child.Id, depth + 1);
            }
        }

        Walk(null, 0);
        return result;
    }

    /// <summary>Null when the category may move under the parent; otherwise why not (a cycle or a tree too deep).</summary>
    public string? WhyNotMove(int id, int? newParentId)
    {
        if (newParentId is null)
        {
            return null;
        }

        if (!_byId.ContainsKey(newParentId.Value))
        {
            return "The new parent does not exist.";
        }

        var subtree = SelfAndDescendants(id);
        if (subtree.Contains(newParentId.Value))
        {
            return "A category cannot move under itself or one of its subcategories.";
        }

        var subtreeDepth = SubtreeHeight(id);
        return PathTo(newParentId.Value).Count + subtreeDepth > MaxDepth ? $"The tree may be at most {MaxDepth} levels deep." : null;
    }

    private int SubtreeHeight(int id) => _byId.ContainsKey(id) ? 1 + _children[id].Select(c => SubtreeHeight(c.Id)).DefaultIfEmpty(0).Max() : 1;
}
