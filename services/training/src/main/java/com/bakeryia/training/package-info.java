/** The training service: owns training, holding training jobs, trained models and training logs. */
package com.bakeryia.training;
