package nash.examples.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import nash.gan.train.GanTrainer;
import nash.nn.io.Safetensors;

/** A trained run rebuilt from its checkpoint: the spec in its metadata, the data, the trainer with its weights. */
record Loaded(RunSpec spec, Setup.Data data, GanTrainer trainer) {

    static Loaded from(Path checkpoint) throws Exception {
        if (!Files.isRegularFile(checkpoint)) throw new IllegalArgumentException("no checkpoint at " + checkpoint);
        RunSpec spec = RunSpec.fromMetadata(Safetensors.metadata(checkpoint), checkpoint.toString());
        Setup.Data data = Setup.data(spec.data());
        GanTrainer trainer = Setup.trainer(spec, data);
        trainer.load(checkpoint);
        return new Loaded(spec, data, trainer);
    }
}
