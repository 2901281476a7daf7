package nash.core;

/**
 * The version counter of a tensor's storage, shared by every tensor that views the same array
 * (reshape, detach). In-place writes bump it; backward compares it with the version a tensor had
 * when an op saved it, so a saved tensor changed under the graph is caught, not silently used.
 */
final class Version {
    int value;
}
