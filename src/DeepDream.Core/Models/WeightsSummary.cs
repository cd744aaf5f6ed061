namespace DeepDream.Models;

/// <summary>What identifies a network's weights in its Identity and in every output's record.</summary>
/// <param name="Fingerprint">How many weights there are and their sum (e.g. <c>11689512 weights, sum 1234.5</c>).</param>
/// <param name="Sha256">Lower-case hex SHA-256 of the weights as loaded (<see cref="WeightsDigest"/>).</param>
internal sealed record WeightsSummary(string Fingerprint, string Sha256);
